"""Who may do what through the API.

Reading is open to anyone (what they see is the visibility rule's business, in the
selectors). Writing needs the model permission for the method: `add_*` to create,
`change_*` to update, `delete_*` to delete. Editors get them through the `editor`
group (the editorial issue), so roles change in the database, not in this code.
"""

from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissionsOrAnonReadOnly,
)


class ReadOnly(BasePermission):
    """Views that only read and hold no model (the root, search, the ping)."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class ReadAnyoneWriteEditor(DjangoModelPermissionsOrAnonReadOnly):
    """Safe methods for everyone; writes need the model permission. An anonymous
    write is told 401 (with WWW-Authenticate: Token), a signed-in reader 403."""

    perms_map = {
        **DjangoModelPermissionsOrAnonReadOnly.perms_map,
        # OPTIONS describes the endpoint; GET and HEAD read it.
        "GET": [],
        "OPTIONS": [],
        "HEAD": [],
    }

    def has_permission(self, request, view) -> bool:
        # Reads need no permission: answer before the parent builds the view's
        # queryset just to learn its model (a cost on every cached read).
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class WorkflowPermission(ReadAnyoneWriteEditor):
    """Workflow actions (submit, publish, withdraw) change the record's status."""

    perms_map = {
        **ReadAnyoneWriteEditor.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }
