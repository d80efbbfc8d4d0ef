"""Which of a screen's visible words are interface text, and which of those are still the English
message id: the measure of issue 15 ("at most 1 % of words per screen").

A piece of text (a text node, a placeholder) is interface text when it is, whole, one of the
catalogues' messages or a message's translation (placeholders match anything, a message with
HTML is split at its tags). It is English when it is a message id whose translation in the
screen's language differs from it. Everything else is content (titles, names, dates, numbers)
and is not counted.
"""

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-zA-Z_0-9]*\}")
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W\d_]+")
LONG_WORD = re.compile(r"[^\W\d_]{3,}")
# Addresses are content, whatever a message's pattern says.
ADDRESS = re.compile(r"^(\S*://|/)\S*$")


def catalogues(language):
    roots = [Path(root) for root in settings.LOCALE_PATHS]
    for root in roots:
        for domain in ("django", "djangojs"):
            path = root / language / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                yield polib.pofile(str(path))


def pieces(message):
    """The parts of `message` a screen shows as separate texts: split at tags and newlines.
    A part must have a word of its own (three letters or more) besides its placeholders: "%s"
    or Django's ordinal "%(value)sst" would match any content."""
    for piece in re.split(r"<[^>]+>|\n", message):
        piece = " ".join(piece.split())
        if LONG_WORD.search(PLACEHOLDER.sub(" ", piece)):
            yield piece


def pattern(piece):
    parts = PLACEHOLDER.split(piece)
    return "".join(
        re.escape(part) if i == 0 else ".+?" + re.escape(part) for i, part in enumerate(parts)
    )


class Matcher:
    """Exact pieces in sets, pieces with placeholders as one regular expression each kind."""

    def __init__(self, pieces):
        self.exact = {p for p in pieces if not PLACEHOLDER.search(p)}
        templated = sorted({pattern(p) for p in pieces if PLACEHOLDER.search(p)}, key=len)
        self.regexes = [
            re.compile("(?:" + "|".join(templated[i : i + 200]) + ")\\Z", re.S)
            for i in range(0, len(templated), 200)
        ]

    def __contains__(self, text):
        return text in self.exact or any(regex.match(text) for regex in self.regexes)


@cache
def matchers(language):
    """(English message ids still untranslated-looking, every interface text) for `language`."""
    english, interface = set(), set()
    for catalogue in catalogues(language):
        for entry in catalogue:
            if entry.obsolete:
                continue
            ids = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            translated = {p for t in translations if t for p in pieces(t)}
            for message in ids:
                for piece in pieces(message):
                    interface.add(piece)
                    if piece not in translated:
                        english.add(piece)
            interface |= translated
    # Pieces that are also a translation (the same word in both languages) are not English.
    translated_anywhere = set()
    for catalogue in catalogues(language):
        for entry in catalogue:
            values = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            translated_anywhere |= {p for t in values if t for p in pieces(t)}
    return Matcher(english - translated_anywhere), Matcher(interface)


def words(text):
    return len(WORD.findall(text))


def measure(texts, language):
    """(interface words, English words, the English texts) among `texts`. The languages' own
    names ("English", "Polski") are shown in their own language on purpose."""
    english, interface = matchers(language)
    autonyms = {name for _code, name in settings.LANGUAGES}
    total, untranslated, found = 0, 0, []
    for text in texts:
        text = " ".join(text.split())
        if not text or ADDRESS.match(text) or text in autonyms or text not in interface:
            continue
        total += words(text)
        if text in english:
            untranslated += words(text)
            found.append(text)
    return total, untranslated, found


# Run in the page: every visible text node's text, and the placeholders, accessible names
# (aria-label) and submit buttons' values of visible elements.
VISIBLE_TEXTS = """() => {
  const texts = [];
  const visible = (element) => element && element.checkVisibility({
    checkOpacity: true, checkVisibilityCSS: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent) continue;
    if (parent.closest('script, style, template, noscript')) continue;
    if (visible(parent)) texts.push(node.textContent);
  }
  for (const field of document.querySelectorAll('[placeholder]')) {
    if (visible(field)) texts.push(field.getAttribute('placeholder'));
  }
  // What a screen reader says of buttons and regions.
  for (const element of document.querySelectorAll('[aria-label]')) {
    if (visible(element)) texts.push(element.getAttribute('aria-label'));
  }
  for (const button of document.querySelectorAll('input[type=submit][value]')) {
    if (visible(button)) texts.push(button.value);
  }
  return texts;
}"""
