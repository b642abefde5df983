"""Create (or update) a user with one editorial role.

    manage.py create_casebase_user alice --role editor --email alice@example.org

The password is asked for twice (or read from the CASEBASE_USER_PASSWORD environment
variable, for scripts) and checked by the password validators. Every role gets staff
status, which the admin requires; the user's other roles are removed.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casebase.editorial.roles import ROLES, apply_roles

PASSWORD_ENV = "CASEBASE_USER_PASSWORD"


class Command(BaseCommand):
    help = "Create a casebase user with the role editor, reviewer or admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Change the role (and password) of an existing user.",
        )

    def handle(self, *args, username: str, role: str, email: str, update: bool, **kw):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None and not update:
            raise CommandError(
                f"The user {username} exists already; pass --update to change it."
            )
        if user is None:
            user = User(username=username, email=email)
        elif email:
            user.email = email
        password = self._password(user)
        user.set_password(password)
        user.is_staff = True
        user.is_active = True
        from django.apps import apps

        with transaction.atomic():
            apply_roles(apps)
            user.save()
            user.groups.remove(*Group.objects.filter(name__in=ROLES))
            user.groups.add(Group.objects.get(name=role))
        self.stdout.write(self.style.SUCCESS(f"{username} is now a casebase {role}."))

    def _password(self, user) -> str:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            if not self.stdin_is_tty():
                raise CommandError(
                    f"No terminal to ask for a password: set {PASSWORD_ENV}."
                )
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "Password refused: " + " ".join(error.messages)
            ) from error
        return password

    @staticmethod
    def stdin_is_tty() -> bool:
        import sys

        return sys.stdin.isatty()
