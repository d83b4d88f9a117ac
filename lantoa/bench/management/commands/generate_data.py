"""Fill a fresh database with a synthetic federation for the benchmark (see lantoa/bench)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lantoa.bench.generate import PASSWORD, SCALES, GeneratedDataExists, Generator


class Command(BaseCommand):
    help = (
        "Generate a synthetic federation into the (fresh, migrated) database DATABASE_URL names: "
        "--scale province (3,000 grassroots unions, 1 M activities, 2018–2025), national "
        "(35 provinces, 130,000 grassroots unions, 30 M activities; PostgreSQL only) or tiny "
        "(40 unions, 4,000 activities: for tests and trying out). Refuses a database that "
        "already holds units or activities."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--activities",
            type=int,
            default=None,
            help="Number of activities instead of the scale's (for a quicker try).",
        )

    def handle(self, *args, scale, seed, activities, **options):
        generator = Generator(SCALES[scale], seed=seed, activities=activities, stdout=self.stdout)
        self.stdout.write(
            f"Generating the {scale} scale (seed {seed}) into {connection.vendor} database "
            f"{connection.settings_dict['NAME']}"
        )
        try:
            rows = generator.run()
        except (GeneratedDataExists, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{rows} activities generated.")
            + f" Logins (password {PASSWORD}): admin (the root), officer (a district)."
        )
