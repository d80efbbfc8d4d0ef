"""Make sure an administrator can log in, and say how.

For local use (`make run`): the password is ADMIN_PASSWORD when set, otherwise a random one
kept in .admin-password (git-ignored, readable by its owner only) so that later runs can print it.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from portal.editorial.two_factor import has_authenticator, is_required_for

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = "Create the administrator 'admin' if there is none, and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, **options):
        username = options["username"]
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, email="", password=password)
            if not os.environ.get("ADMIN_PASSWORD"):
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
            self.print_login(username, password)
            self.print_second_factor(user)
            return

        stored = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
        for candidate in (os.environ.get("ADMIN_PASSWORD"), stored):
            if candidate and user.check_password(candidate):
                self.print_login(username, candidate)
                self.print_second_factor(user)
                return
        self.stdout.write(
            f"Admin login: user '{username}' exists; its password was changed since it was "
            f"made. Set a new one with: .venv/bin/python manage.py changepassword {username}"
        )

    def print_login(self, username, password):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: {admin_url}  user: {username}  password: {password}")
        )

    def print_second_factor(self, user):
        """What the password alone does not do (portal/editorial/two_factor.py)."""
        if has_authenticator(user):
            self.stdout.write(
                "  and a code from its authenticator app; without the phone, "
                f"`manage.py addstatictoken {user.get_username()}` prints a one-time code."
            )
        elif is_required_for(user):
            self.stdout.write("  then set up an authenticator app (two-factor sign-in).")
