"""The release form and its moderation as the press office sees them, in Latvian and Polish:
the add buttons, the workflow's buttons and messages, the moderation e-mails, and autosave on a
new release (portal/editorial/editor_menus.py, templates/wagtailadmin/notifications/)."""

import datetime
import html
import json
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from news.models import PressReleasePage
from news.tests.factories import PressReleasePageFactory, release_form_data
from portal.core.roles import EDITORS, MODERATORS, REVIEWERS, TRANSLATORS, WORKFLOWS
from portal.editorial.editor_menus import ENGLISH_REVIEW, MODERATORS_APPROVAL, POLISH_REVIEW
from portal.tests.factories import SiteTree
from projects.tests.factories import ProjectPageFactory

# English words of Wagtail's e-mails and menus; none may be in a Latvian or Polish e-mail.
ENGLISH = re.compile(
    r"\b(the|page|has|been|you|can|here|hello|edit|your|notifications?|preferences|"
    r"approval|approved|submitted|moderation|moderators|reviewers|waiting|changes|"
    r"comments?|view|preview|requested|published)\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(r"https?://\S+")


def person(username, first_name, group, language, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="pw",
        email=f"{username}@example.lv",
        first_name=first_name,
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def new_page_form(**fields):
    """What the browser posts from an empty new release form (captured from Chromium), with
    `fields` typed in."""
    data = {
        "title": "",
        "slug": "",
        "release_date": timezone.localdate().isoformat(),
        "lead": "",
        "body": streamfield([]),
        "event_start": "",
        "event_end": "",
        "event_place": "",
        "event_country": "",
        "project_links": inline_formset([]),
        "organisation_links": inline_formset([]),
        "further_information": streamfield([]),
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "topic_links": inline_formset([]),
        "corrections": streamfield([]),
        "withdrawn_on": "",
        "withdrawal_notice": "",
        "comments": inline_formset([]),
        "comment_notifications": "on",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "next": "",
    }
    data.update(fields)
    return nested_form_data(data)


class EditorFormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = SiteTree()
        cls.editor = person("redaktore", "Ilze", EDITORS, "lv")
        cls.moderator = person("moderatore", "Māra", MODERATORS, "lv")
        # The translator works in an English admin: the reviewer's e-mail is Polish anyway.
        cls.translator = person("tlumacz", "Tomasz", TRANSLATORS["pl"], "en")
        cls.reviewer = person("recenzentka", "Agnieszka", REVIEWERS["pl"], "pl")
        cls.administrator = person("administratore", "Inga", None, "lv", is_superuser=True)
        cls.add_release_url = reverse(
            "wagtailadmin_pages:add", args=["news", "pressreleasepage", cls.tree.news_index.pk]
        )

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def submitted_release(self):
        """A Latvian release the editor has written and submitted to the moderators."""
        release = PressReleasePageFactory(
            parent=self.tree.news_index, title="Uzņēmēji dodas uz Krakovu", live=False
        )
        release.save_revision()
        self.client.force_login(self.editor)
        response = self.client.post(
            self.edit_url(release),
            # Submitted from the admin, which also follows the release's comments.
            release_form_data(
                slug=release.slug, comment_notifications="on", **{"action-submit": "1"}
            ),
            follow=True,  # and reads the message, so that the next one is the moderator's
        )
        self.assertTrue(response.redirect_chain)
        self.assertEqual(release.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        return release

    def workflow_action(self, page, action, comment=""):
        form = release_form_data(
            title=page.title,
            slug=page.slug,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": action,
                "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
            },
        )
        return self.client.post(self.edit_url(page), form, follow=True)

    def messages(self, response):
        """The messages shown, as text (Wagtail's admin renders them as HTML)."""
        return [
            html.unescape(str(message)).strip() for message in get_messages(response.wsgi_request)
        ]

    def action_menu(self, response):
        """The editor's footer: the save, submit, publish and workflow buttons."""
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        return html[html.index('<footer class="footer') : html.index("</footer>")]


class ReleaseFormTests(EditorFormTestCase):
    def test_the_add_buttons_are_in_the_accusative(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.add_release_url)
        for text in ("Pievienot projektu", "Pievienot organizāciju", "Pievienot tēmu"):
            self.assertContains(response, text)
        for wrong in ("Pievienot Projekts", "Pievienot Organizācija", "Pievienot Tēma"):
            self.assertNotContains(response, wrong)
        # The child forms are still headed in the nominative ("Projekts 1").
        self.assertContains(response, "Projekts<span data-inline-panel-child-count>")

    def test_the_polish_admin_adds_an_organisation_in_the_accusative(self):
        self.client.force_login(person("admin_pl", "Ewa", None, "pl", is_superuser=True))
        response = self.client.get(self.add_release_url)
        self.assertContains(response, "Dodaj organizację")
        self.assertNotContains(response, "Dodaj Organizacja")

    def test_a_projects_partners_are_added_in_the_accusative(self):
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse(
                "wagtailadmin_pages:add",
                args=["projects", "projectpage", self.tree.project_index.pk],
            )
        )
        self.assertContains(response, "Pievienot partneri")
        self.assertNotContains(response, "Pievienot Partneris")

    def test_the_editor_submits_to_the_moderators_in_latvian(self):
        self.client.force_login(self.editor)
        menu = self.action_menu(self.client.get(self.add_release_url))
        self.assertIn("Iesniegt moderatoriem", menu)
        self.assertNotIn("Moderators approval", menu)

    def test_after_changes_are_requested_the_editor_resubmits_in_latvian(self):
        release = self.submitted_release()
        self.client.force_login(self.moderator)
        self.workflow_action(release, "reject")
        self.client.force_login(self.editor)
        menu = self.action_menu(self.client.get(self.edit_url(release)))
        self.assertIn("Atkārtoti iesniegt moderatoriem", menu)
        self.assertNotIn("Moderators approval", menu)

    def test_every_workflow_has_its_name_translated(self):
        self.assertEqual(
            {name for name, _group in WORKFLOWS.values()},
            {MODERATORS_APPROVAL, ENGLISH_REVIEW, POLISH_REVIEW},
        )
        for language in ("lv", "pl"):
            with translation.override(language):
                for name in (MODERATORS_APPROVAL, ENGLISH_REVIEW, POLISH_REVIEW):
                    self.assertNotEqual(translation.gettext(name), name)


class ModerationTests(EditorFormTestCase):
    def test_a_moderator_is_offered_approve_and_publish_but_no_plain_publish(self):
        release = self.submitted_release()
        self.client.force_login(self.moderator)
        menu = self.action_menu(self.client.get(self.edit_url(release)))
        self.assertIn('data-workflow-action-name="approve"', menu)
        self.assertIn("Apstiprināt un publicēt", menu)
        self.assertIn("Lūgt labojumus", menu)
        self.assertNotIn('name="action-publish"', menu)

    def test_a_moderator_may_still_publish_a_page_not_in_moderation(self):
        release = PressReleasePageFactory(parent=self.tree.news_index, live=False)
        release.save_revision()
        self.client.force_login(self.moderator)
        menu = self.action_menu(self.client.get(self.edit_url(release)))
        self.assertIn('name="action-publish"', menu)
        self.assertNotIn('data-workflow-action-name="approve"', menu)

    def test_approving_says_the_release_was_approved_and_published(self):
        release = self.submitted_release()
        self.client.force_login(self.moderator)
        response = self.workflow_action(release, "approve")
        release.refresh_from_db()
        self.assertTrue(release.live)
        self.assertEqual(
            self.messages(response), ["Lapa “Uzņēmēji dodas uz Krakovu” apstiprināta un publicēta."]
        )

    def test_approving_a_release_with_an_embargo_says_when_it_goes_live(self):
        release = self.submitted_release()
        go_live_at = timezone.now() + datetime.timedelta(days=2)
        # The moderator sets the go-live time, then approves (README, "A day in the press
        # office").
        self.client.force_login(self.moderator)
        response = self.client.post(
            self.edit_url(release),
            release_form_data(
                title=release.title,
                slug=release.slug,
                go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
                **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            ),
            follow=True,
        )
        release.refresh_from_db()
        self.assertFalse(release.live)
        [message] = self.messages(response)
        self.assertIn("Lapa “Uzņēmēji dodas uz Krakovu” apstiprināta, un to publicēs", message)

    def test_requesting_changes_says_the_release_went_back(self):
        release = self.submitted_release()
        self.client.force_login(self.moderator)
        response = self.workflow_action(release, "reject", comment="Pārbaudiet datumu.")
        self.assertEqual(
            self.messages(response),
            ["Lapa “Uzņēmēji dodas uz Krakovu” nosūtīta atpakaļ labošanai."],
        )
        self.assertEqual(release.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)


class ModerationEmailTests(EditorFormTestCase):
    def emails_to(self, user):
        return [message for message in mail.outbox if message.to == [user.email]]

    def assertWhollyIn(self, language, message, *expected):
        """The e-mail's subject and text (and its HTML, when sent) say each of `expected` and
        have no English word of Wagtail's e-mails in them (addresses aside)."""
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        text = ADDRESS.sub("", "\n".join(parts))
        self.assertEqual(ENGLISH.findall(text), [], f"English in the {language} e-mail:\n{text}")
        for sentence in expected:
            self.assertIn(sentence, text)

    def test_a_latvian_release_is_moderated_in_latvian_e_mails(self):
        release = self.submitted_release()
        [to_moderator] = self.emails_to(self.moderator)
        self.assertWhollyIn(
            "lv",
            to_moderator,
            "Lapa “Uzņēmēji dodas uz Krakovu” gaida jūsu apstiprinājumu",
            "(Moderatoru apstiprināšana).",
            "Sveiki, Māra!",
            "Labot lapu:",
        )
        # Administrators hear of every submission too.
        for message in self.emails_to(self.administrator):
            self.assertWhollyIn("lv", message, "Sveiki, Inga!")
        self.assertIn(
            "Lapu “Uzņēmēji dodas uz Krakovu” apstiprināšanai (Moderatoru apstiprināšana) "
            "iesniedza Ilze",
            "\n".join(message.body for message in self.emails_to(self.administrator)),
        )

        mail.outbox.clear()
        self.client.force_login(self.moderator)
        self.workflow_action(release, "reject", comment="Pārbaudiet datumu.")
        [changes] = self.emails_to(self.editor)
        self.assertWhollyIn(
            "lv",
            changes,
            "Lapā “Uzņēmēji dodas uz Krakovu” lūgts veikt labojumus",
            "Māra lūdz veikt labojumus lapā",
            "Komentārs: “Pārbaudiet datumu.”",
        )

        mail.outbox.clear()
        self.client.force_login(self.editor)
        self.client.post(
            self.edit_url(release), release_form_data(slug=release.slug, **{"action-submit": "1"})
        )
        self.client.force_login(self.moderator)
        self.workflow_action(release, "approve")
        [approved] = self.emails_to(self.editor)
        self.assertWhollyIn(
            "lv",
            approved,
            "Lapa “Uzņēmēji dodas uz Krakovu” apstiprināta (Moderatoru apstiprināšana) "
            "un publicēta.",
            "Skatīt lapu:",
        )

    def test_comments_on_a_release_reach_its_author_in_latvian(self):
        release = self.submitted_release()
        mail.outbox.clear()
        self.client.force_login(self.moderator)
        comment = inline_formset(
            [
                {
                    "contentpath": "lead",
                    "text": "Pārbaudiet datumu.",
                    "position": "",
                    "resolved": "",
                    "replies": inline_formset([]),
                }
            ]
        )
        self.client.post(
            self.edit_url(release),
            release_form_data(slug=release.slug, comments=comment, **{"action-save": "1"}),
        )
        [message] = self.emails_to(self.editor)
        self.assertWhollyIn(
            "lv",
            message,
            "Lapas “Uzņēmēji dodas uz Krakovu” komentārus atjaunināja Māra",
            "Jauni komentāri:",
        )

    @override_settings(WAGTAILADMIN_NOTIFICATION_USE_HTML=True)
    def test_a_polish_reviewer_is_asked_in_polish_whoever_submits(self):
        release = PressReleasePageFactory(parent=self.tree.news_index, title="Uzņēmēji")
        release.save_revision().publish()
        polish = release.copy_for_translation(Locale.objects.get(language_code="pl"), True)
        polish.save_revision()
        self.client.force_login(self.translator)  # in an English admin
        response = self.client.post(
            self.edit_url(polish),
            release_form_data(
                title="Przedsiębiorcy jadą do Krakowa",
                slug=polish.slug,
                release_date=polish.release_date.isoformat(),  # follows the Latvian release
                **{"action-submit": "1"},
            ),
        )
        self.assertEqual(response.status_code, 302)
        [to_reviewer] = self.emails_to(self.reviewer)
        self.assertWhollyIn(
            "pl",
            to_reviewer,
            "Strona „Przedsiębiorcy jadą do Krakowa” czeka na Twoje zatwierdzenie",
            "(Zatwierdzenie przez recenzentów języka polskiego).",
            "Witaj, Agnieszka,",
            "Edycja strony:",
        )
        [(html, _type)] = to_reviewer.alternatives
        self.assertIn("czeka na Twoje zatwierdzenie", html)
        # And the administrator, whose admin is Latvian, hears of it in Latvian.
        for message in self.emails_to(self.administrator):
            self.assertWhollyIn("lv", message, "Sveiki, Inga!")


class NewReleaseAutosaveTests(EditorFormTestCase):
    def autosave(self, data):
        return self.client.post(self.add_release_url, data, headers={"accept": "application/json"})

    def test_a_title_alone_is_not_autosaved(self):
        self.client.force_login(self.editor)
        before = PressReleasePage.objects.count()
        response = self.autosave(new_page_form(title="Tikai virsraksts", slug="tikai-virsraksts"))
        self.assertEqual(response.status_code, 400)
        answer = response.json()
        self.assertEqual(answer["error_code"], "validation_error")
        self.assertIn("vairāk nekā virsraksts", answer["error_message"])
        self.assertEqual(PressReleasePage.objects.count(), before)

    def test_autosave_creates_the_draft_once_the_lead_is_written(self):
        self.client.force_login(self.editor)
        response = self.autosave(
            new_page_form(title="Ar ievadu", slug="ar-ievadu", lead="Pirmais teikums.")
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"])
        draft = PressReleasePage.objects.get(slug="ar-ievadu")
        self.assertFalse(draft.live)
        self.assertEqual(draft.lead, "Pirmais teikums.")

    def test_a_link_to_a_project_is_more_than_a_title(self):
        self.client.force_login(self.editor)
        project = ProjectPageFactory(parent=self.tree.project_index)
        form = new_page_form(
            title="Ar projektu",
            slug="ar-projektu",
            project_links=inline_formset([{"project": project.pk}]),
        )
        self.assertEqual(self.autosave(form).status_code, 200)
        self.assertTrue(PressReleasePage.objects.filter(slug="ar-projektu").exists())

    def test_save_draft_keeps_a_bare_title_when_the_editor_asks(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_release_url, new_page_form(title="Tikai virsraksts", slug="tikai-virsraksts")
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(PressReleasePage.objects.filter(slug="tikai-virsraksts").exists())
