from tepat.people.services.employees import employee_create, employee_update
from tepat.people.services.placement import employee_assign_seat, employee_set_rank

__all__ = ["employee_assign_seat", "employee_create", "employee_set_rank", "employee_update"]
