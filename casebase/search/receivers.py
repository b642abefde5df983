"""Signal receivers for index upkeep. They only queue a refresh for after the commit:
no business logic, no queries (see indexing.py and dependencies.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from casebase.search import dependencies, indexing

_M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


def on_save_or_delete(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: rebuild_search_index afterwards
        return
    indexing.queue(dependencies.anchors_for(instance))


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in _M2M_ACTIONS:
        return
    # The documents hold the relation on the side that declares it: a forward change
    # touches `instance`, a reverse one the rows in `pk_set`.
    if reverse:
        indexing.queue(dependencies.anchors_for_pks(model, pk_set or ()))
    else:
        indexing.queue(dependencies.anchors_for(instance))


def connect() -> None:
    for model in dependencies.WATCHED:
        uid = f"casebase.search:{model._meta.label_lower}"
        post_save.connect(on_save_or_delete, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(on_save_or_delete, sender=model, dispatch_uid=uid + ":del")
    # Any many-to-many change on a watched model (jurisdictions, theories, claims of
    # evidence, ...): m2m_changed is sent with the through model as sender.
    m2m_changed.connect(on_m2m_changed, dispatch_uid="casebase.search:m2m")
