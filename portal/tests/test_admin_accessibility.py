"""What the admin draws for a screen reader, fixed from the project where Wagtail and
wagtail-localize left it out (portal/core/admin_accessibility.py, the templates it names): each fix
on the screen it is for, in the admin's language. The browser tests run axe on every screen
(portal/tests/browser/test_admin_accessibility.py); these say which fix holds, on both
databases, without a browser."""

import html
import json
import re

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.blocks import PressReleaseBodyBlock
from news.models import Topic
from news.tests.factories import PressReleasePageFactory
from portal.tests.test_editor_form import EditorFormTestCase, person
from projects.models import ProjectPage
from projects.tests.factories import ProjectPageFactory


def draftail_options(content, name):
    """The options Draftail is drawn with for the form field `name`."""
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>', content).group(0)
    return json.loads(html.unescape(re.search(r'data-w-init-detail-value="([^"]*)"', field)[1]))


class RichTextNameTests(EditorFormTestCase):
    def test_a_rich_text_field_is_named_by_its_label_in_the_admins_language(self):
        project = ProjectPageFactory(parent=self.tree.project_index)
        polish_administrator = person("admin_pl", "Ewa", None, "pl", is_superuser=True)
        for user, language in [(self.editor, "lv"), (polish_administrator, "pl")]:
            self.client.force_login(user)
            response = self.client.get(self.edit_url(project))
            with translation.override(language):
                label = str(capfirst(ProjectPage._meta.get_field("description").verbose_name))
            self.assertEqual(draftail_options(response.text, "description")["ariaLabel"], label)
            self.assertNotEqual(label, "Description")

    def test_a_paragraph_block_is_named_by_its_label(self):
        release = PressReleasePageFactory(parent=self.tree.news_index)
        self.client.force_login(self.editor)
        response = self.client.get(self.edit_url(release))
        with translation.override("lv"):
            label = str(PressReleaseBodyBlock().child_blocks["paragraph"].label)
        self.assertRegex(html.unescape(response.text), rf'"ariaLabel":\s*"{re.escape(label)}"')


class AdminTemplateTests(EditorFormTestCase):
    def test_the_workflows_report_heads_each_row_with_its_workflow(self):
        release = self.submitted_release()
        self.client.force_login(self.moderator)
        response = self.client.get(reverse("wagtailadmin_reports:workflow"))
        headings = re.findall(r"<h2>(.*?)</h2>", response.text, re.DOTALL)
        workflow = release.current_workflow_state.workflow
        with translation.override("lv"):
            self.assertIn(str(workflow.name), [heading.strip() for heading in headings])
        self.assertNotIn("", [heading.strip() for heading in headings])

    def test_a_snippet_form_has_a_level_one_heading(self):
        topic = Topic.objects.create(name="Reģionālā attīstība", slug="regionala-attistiba")
        self.client.force_login(self.editor)
        for url in [
            reverse("wagtailsnippets_news_topic:edit", args=[topic.pk]),
            reverse("wagtailsnippets_news_topic:add"),
        ]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertRegex(response.text, r'<h1 class="w-sr-only">\s*\S')

    def test_the_page_search_announces_its_count_around_its_heading(self):
        PressReleasePageFactory(parent=self.tree.news_index, title="Vizīte uz Krakovu")
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:search") + "?q=Krakovu")
        self.assertRegex(response.text, r'<div role="alert"><h2>\s*\S')
        self.assertNotIn('<h2 role="alert">', response.text)
        self.assertIn('<h2 id="other-searches-title"', response.text)

    def test_the_page_choosers_explore_column_is_named(self):
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("wagtailadmin_choose_page_child", args=[self.tree.home.pk])
        )
        with translation.override("lv"):
            explore = translation.gettext("Explore")
        self.assertIn(f'<span class="w-sr-only">{explore}</span>', response.json()["html"])

    def test_the_image_chooser_does_not_repeat_a_title_as_alt_text(self):
        Image.objects.create(
            title="Latgales karte",
            file=ContentFile(get_test_image_file().file.getvalue(), name="karte.png"),
        )
        self.client.force_login(self.editor)
        chooser = self.client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
        thumbnail = re.search(r"<a data-chooser-modal-choice[^>]*>.*?</a>", chooser, re.DOTALL)[0]
        self.assertIn('alt=""', thumbnail)
        self.assertIn("Latgales karte", thumbnail)

    def test_the_request_changes_dialog_lists_its_fields_as_list_items(self):
        release = self.submitted_release()
        task_state = release.current_workflow_state.current_task_state
        self.client.force_login(self.moderator)
        response = self.client.get(
            reverse(
                "wagtailadmin_pages:collect_workflow_action_data",
                args=[release.pk, "reject", task_state.pk],
            )
        )
        fields = re.search(r'<ul class="fields">(.*?)</ul>', response.json()["html"], re.DOTALL)[1]
        self.assertRegex(fields, r"^\s*<li>")
        self.assertNotRegex(fields, r"</li>\s*<(?!li)")
