"""Editorial roles (portal/core/roles.py): Moderators approve and publish Latvian pages, Editors
only submit them; each translation language gets Reviewers who publish what its Translators
translate. Existing language trees are brought in line here; new ones on creation."""

from django.db import migrations

from portal.core.roles import REVIEWERS, TREE_PERMISSIONS, WORKFLOWS

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")


def apply_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    HomePage = apps.get_model("portal", "HomePage")

    access_admin = Permission.objects.get(
        content_type__app_label=ADMIN_ACCESS[0], codename=ADMIN_ACCESS[2]
    )
    for name in ["Moderators", *REVIEWERS.values()]:
        Group.objects.get_or_create(name=name)[0].permissions.add(access_admin)
    # Wagtail's own Moderators may publish every page from the root down, every language
    # included; ours approve the Latvian tree only.
    GroupPagePermission.objects.filter(group__name="Moderators", page__depth=1).delete()

    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    for home in HomePage.objects.select_related("locale"):
        language = home.locale.language_code
        grants = TREE_PERMISSIONS.get(language, {})
        # Publishing moved from Editors and Translators to Moderators and Reviewers: each
        # group keeps exactly the permissions its role lists.
        for group_name, codenames in grants.items():
            group = Group.objects.get_or_create(name=group_name)[0]
            GroupPagePermission.objects.filter(page_id=home.pk, group=group).exclude(
                permission__codename__in=codenames
            ).delete()
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=codenames
            ):
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=home.pk, permission=permission
                )
        if language in WORKFLOWS:
            workflow_name, group_name = WORKFLOWS[language]
            workflow = Workflow.objects.get_or_create(name=workflow_name)[0]
            if not WorkflowTask.objects.filter(workflow=workflow).exists():
                task = GroupApprovalTask.objects.get_or_create(
                    name=workflow_name, defaults={"content_type": task_type}
                )[0]
                task.groups.add(Group.objects.get(name=group_name))
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_webhooks"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
