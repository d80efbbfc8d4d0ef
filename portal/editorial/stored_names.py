"""The names the portal stores in English (its groups, workflows and approval tasks: roles.py),
read in the reader's language wherever Wagtail shows them.

Wagtail prints `workflow.name`, `task.name` and `group.name` as stored, in some thirty templates
and messages (the status side panel, the dashboard's moderation panels, workflow history, its
e-mails). Rather than copy each template, reading the name gives a string that is the stored
English one to code (comparisons, lookups, JSON, f-strings) and its translation when shown
(`str()`, which templates and `%` formatting call). A name typed into the admin's forms in a
language is stored as its English original again, so the roles keep finding their groups and
workflows.
"""

from django.conf import settings
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from portal.core.roles import STORED_NAMES


class StoredName(str):
    """A stored English name: equal to it, shown translated."""

    def __str__(self):
        return gettext(str.__str__(self))

    def __html__(self):
        return escape(str(self))


class TranslatedName(DeferredAttribute):
    """The model's `name`, read as a StoredName when it is one of ours. (A data descriptor, so
    that it is asked even once the value is loaded.)"""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is not None and value in STORED_NAMES:
            return StoredName(value)
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


def original(name):
    """The English name whose translation in any admin language is `name`, else `name`."""
    for stored in STORED_NAMES:
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                if gettext(stored) == name:
                    return stored
    return name


def plain(value):
    return str.__str__(value) if isinstance(value, StoredName) else value


def store_originals(sender, instance, **kwargs):
    # Fixtures and restored backups too: a name that arrives translated is stored in English.
    if isinstance(instance.name, str):
        instance.name = original(plain(instance.name))


# Wagtail's history entries of workflow actions, which keep the names as they were when logged.
WORKFLOW_LOG_ACTIONS = [
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
]


def shown(data):
    """A history entry's data with the stored names in it read as StoredNames."""
    if isinstance(data, dict):
        return {key: shown(value) for key, value in data.items()}
    if isinstance(data, str) and data in STORED_NAMES:
        return StoredName(data)
    return data


class TranslatedLogNames:
    """Mixed into Wagtail's formatters of workflow history entries: the workflow and task named
    in the reader's language ("Sākta darbplūsma “Moderatoru apstiprināšana”")."""

    def format_message(self, log_entry):
        stored = log_entry.data
        log_entry.data = shown(stored)
        try:
            return super().format_message(log_entry)
        finally:
            log_entry.data = stored


def translate_log_names(actions):
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is not None and not isinstance(formatter, TranslatedLogNames):
            cls = type(formatter)
            formatter.__class__ = type(cls.__name__, (TranslatedLogNames, cls), {})


def install():
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    for model in (Group, Task, Workflow):
        field = model._meta.get_field("name")
        setattr(model, field.attname, TranslatedName(field))
        # What forms start from and what dumpdata and the backups write: the stored name.
        field.value_from_object = lambda instance, attname=field.attname: plain(
            getattr(instance, attname)
        )
        pre_save.connect(store_originals, sender=model, weak=False)
    # Saving a task saves its specific class (a GroupApprovalTask): the same rule.
    from wagtail.models import GroupApprovalTask

    pre_save.connect(store_originals, sender=GroupApprovalTask, weak=False)
