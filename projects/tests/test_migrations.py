"""The migration that renamed PartnerOrganisationPage to OrganisationPage keeps what it renames."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from portal.tests.factories import SiteTree
from projects.models import OrganisationPage
from projects.tests.factories import OrganisationPageFactory

BEFORE = [("projects", "0004_link_block_reads_prefetched")]
AFTER = [("projects", "0005_one_name_for_an_organisation")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


class OrganisationRenameTests(TransactionTestCase):
    serialized_rollback = True

    def test_pages_and_permissions_keep_through_the_rename_and_back(self):
        tree = SiteTree()
        organisation = OrganisationPageFactory(
            parent=tree.organisation_index, title="Mazpolijas reģions"
        )
        organisation.save_revision().publish()
        content_type = organisation.content_type_id
        editors = Group.objects.create(name="Organisation editors")
        editors.permissions.add(Permission.objects.get(codename="change_organisationpage"))

        old = migrate(BEFORE)
        page = old.get_model("projects", "PartnerOrganisationPage").objects.get(pk=organisation.pk)
        self.assertEqual(page.title, "Mazpolijas reģions")
        self.assertEqual(
            list(editors.permissions.values_list("codename", "name")),
            [("change_partnerorganisationpage", "Can change partner organisation")],
        )

        migrate(AFTER)
        page = OrganisationPage.objects.get(pk=organisation.pk)
        self.assertEqual(
            (page.title, page.content_type_id, page.live, page.revisions.count()),
            ("Mazpolijas reģions", content_type, True, 1),
        )
        self.assertEqual(page.specific_class, OrganisationPage)
        self.assertEqual(
            list(editors.permissions.values_list("codename", "name")),
            [("change_organisationpage", "Can change organisation")],
        )
        self.assertFalse(
            Permission.objects.filter(codename__contains="partnerorganisationpage").exists()
        )
