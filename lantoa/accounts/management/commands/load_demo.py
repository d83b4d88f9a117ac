"""Load the demo federation: every installed app's `demo.load()`, in INSTALLED_APPS order."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lantoa.accounts.demo import DEMO_PASSWORD, logins


class Command(BaseCommand):
    help = "Load the Bến Tre demo federation (idempotent). Refuses to run with DEBUG off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Demo accounts have a public password!",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a real installation, and the demo accounts have a "
                "public password. Use --force if you really want the demo data here."
            )
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name.startswith("lantoa.") and find_spec(module_name):
                    import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, role, unit_code in logins():
            self.stdout.write(f"  {username:<10} {role} ({unit_code})")
