"""Each language's approval workflow has its approval task. A language tree created after
0007_editorial_roles (English and Polish, when the site is first translated) got its workflow
from portal/core/roles.py with the task kept in memory only: a workflow with no task, which
publishes whatever is submitted to it, with no reviewer involved."""

from django.db import migrations

from portal.core.roles import WORKFLOWS


def add_missing_tasks(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    for workflow_name, group_name in WORKFLOWS.values():
        workflow = Workflow.objects.filter(name=workflow_name).first()
        if workflow is None or WorkflowTask.objects.filter(workflow=workflow).exists():
            continue
        task = GroupApprovalTask.objects.get_or_create(
            name=workflow_name, defaults={"content_type": task_type}
        )[0]
        task.groups.add(Group.objects.get_or_create(name=group_name)[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_search_vector_index")]

    operations = [migrations.RunPython(add_missing_tasks, migrations.RunPython.noop)]
