import sys

from tepat.engine.cases import main


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


sys.exit(main(sys.argv[1:], sys.stdin.read, _out, _err))
