"""The language guess on texts of known language (see eval-lang)."""

import collections
import gettext
import gzip
import json
import pathlib
import random
import re
import shutil
import subprocess
import sys

# rules/language code → WordPress locale.
LOCALES = {
    "bg": "bg_BG", "ca": "ca", "cs": "cs_CZ", "da": "da_DK", "de": "de_DE", "el": "el", "en": "en_CA",
    "es": "es_ES", "fi": "fi", "fr": "fr_FR", "hr": "hr", "hu": "hu_HU", "id": "id_ID", "it": "it_IT",
    "nl": "nl_NL", "no": "nb_NO", "pl": "pl_PL", "pt": "pt_PT", "ro": "ro_RO", "ru": "ru_RU",
    "sk": "sk_SK", "sl": "sl_SI", "sv": "sv_SE", "tr": "tr_TR", "uk": "uk", "vi": "vi",
}
SIZES = (40, 120)
PER_SIZE = 20


def sentences(l10n, locale):
    """The translated strings of six words or more, with no placeholder or markup."""
    out = []
    for mo in sorted(l10n.rglob(f"{locale}.mo")) + sorted(l10n.rglob(f"admin-{locale}.mo")):
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        out += [v for v in catalog.values() if isinstance(v, str) and len(v.split()) >= 6 and "%" not in v and "<" not in v]
    return out


def guesses(binary, d, texts, ext="txt"):
    """descrape's `lang` for each text (a dict name → text), cleaned as files `name.ext` in
    the directory `d`."""
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    for name, text in texts.items():
        (d / f"{name}.{ext}").write_text(text, encoding="utf-8")
    subprocess.run([binary, "-q", "--format", "json", str(d)], check=False)
    out = {}
    for name in texts:
        p = d / f"{name}.clean.json"
        out[name] = json.loads(p.read_text(encoding="utf-8")).get("lang") if p.exists() else None
    return out


def main():
    binary, work, wcxb = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    texts, want = {}, {}
    for lang, locale in LOCALES.items():
        pool = sentences(work / "l10n", locale)
        random.Random(lang).shuffle(pool)
        for n in SIZES:
            for k in range(PER_SIZE):
                words = []
                while len(words) < n and pool:
                    words += pool.pop().split()
                if words:
                    name = f"{lang}-{n}-{k}"
                    texts[name], want[name] = " ".join(words[:n]), lang
    got = guesses(binary, work / "texts", texts)
    print(f"{len(texts)} texts in {len(LOCALES)} languages (WordPress's translations)")
    for n in SIZES:
        names = [k for k in texts if f"-{n}-" in k]
        right = sum(got[k] == want[k] for k in names)
        print(f"  {n:>4} words: {right / len(names):.1%} right")
    wrong = collections.Counter((want[k], got[k]) for k in texts if got[k] != want[k])
    print("  commonest confusions (language, guess):", ", ".join(f"{a}→{b} {c}" for (a, b), c in wrong.most_common(8)))
    truth = wcxb / "truth.jsonl.gz"
    if not truth.exists():
        return
    pages = {}
    with gzip.open(truth, "rt", encoding="utf-8") as f:
        for r in map(json.loads, f):
            html = gzip.open(wcxb / "html" / f"{r['id']}.html.gz").read().decode("utf-8", "replace")
            m = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})\b", html[:4000])
            if m and m.group(1).lower() == "en":
                pages[f"wcxb-{r['id']}"] = html
    found = collections.Counter(guesses(binary, work / "pages", pages, "html").values())
    print(f"{len(pages)} WCXB pages that declare lang=en: " + ", ".join(f"{k} {v}" for k, v in found.most_common()))


if __name__ == "__main__":
    main()
