"""Demo logins. They never reach a real installation: load_demo refuses to run without DEBUG."""

from lantoa.units.models import Unit

from .models import Role, User

DEMO_PASSWORD = "lantoa-demo"

# (user name, unit code, role, family and middle names, given name, job title)
DEMO_USERS = [
    ("admin", "BT", Role.ADMIN, "Nguyễn Thị", "Hồng", "Trưởng Ban Tuyên giáo"),
    ("viewer", "BT", Role.VIEWER, "Huỳnh Văn", "Tân", "Phó Chủ tịch"),
    ("chauthanh", "BT-CT", Role.OFFICER, "Lê Văn", "Minh", "Cán bộ Tuyên giáo"),
    ("giongtrom", "BT-GT", Role.OFFICER, "Trần Thị", "Lan", "Cán bộ Tuyên giáo"),
]


def load(*, stdout):
    for username, unit_code, role, last_name, first_name, job_title in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.unit = Unit.objects.get(code=unit_code)
        user.role = role
        user.last_name, user.first_name, user.job_title = last_name, first_name, job_title
        user.email = f"{username}@bentre.lantoa.example"
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
    stdout.write(f"  users: {', '.join(u[0] for u in DEMO_USERS)}")


def logins():
    return [(username, role.label, unit_code) for username, unit_code, role, *_ in DEMO_USERS]
