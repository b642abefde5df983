"""The editor, reviewer and admin groups with their permissions (see roles.py)."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations


def create_roles(apps, schema_editor):
    from casebase.editorial.roles import apply_roles

    # On a fresh database permissions are made after the last migration; make them
    # now so the groups can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    apply_roles(apps)


def remove_roles(apps, schema_editor):
    from casebase.editorial.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
        ("core", "0001_initial"),
        ("law", "0002_precedent_provision_version"),
        ("cases", "0002_dispute_version_evidence_attachment"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
