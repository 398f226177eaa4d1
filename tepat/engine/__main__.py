import sys

from tepat.engine.cases import main

sys.exit(main(sys.argv[1:], sys.stdin.read, lambda text: print(text), lambda text: print(text, file=sys.stderr)))
