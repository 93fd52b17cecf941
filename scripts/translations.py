#!/usr/bin/env python3
"""Keeps the Russian string resources in step with the code.

  scripts/translations.py missing            list English texts used in the web project without a Russian entry
  scripts/translations.py add FILE.json      add/replace entries from a JSON object {"English": "Русский"}

The test LocalizationTests fails while any text is missing, so run `missing` after adding text to a page.
"""
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "Clearinghouse.Web"
RESX = WEB / "Resources" / "Shared" / "SharedResource.ru.resx"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def used_keys():
    keys = set()
    for path in list(WEB.rglob("*.cshtml")) + list(WEB.rglob("*.cs")) + list((ROOT / "src" / "Clearinghouse").rglob("*.cs")):
        if "/bin/" in str(path) or "/obj/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        keys.update(m.group(1) for m in re.finditer(r'\b[Tt]\["((?:[^"\\]|\\.)*)"', text))
        if "localization key" in text:
            keys.update(m.group(1) for m in re.finditer(r'(?:=>|\] =) "((?:[^"\\]|\\.)*)"', text))
        keys.update(m.group(1) for m in re.finditer(r'\[Localized\("((?:[^"\\]|\\.)*)"\)\]', text))
        if path.name == "CountryProfiles.cs":
            keys.update(m.group(1) for m in re.finditer(r'\("\w+", "([^"]+)"', text))
    return keys


def read():
    if not RESX.exists():
        return {}
    tree = ET.parse(RESX)
    return {d.get("name"): (d.findtext("value") or "") for d in tree.getroot().findall("data")}


def write(entries):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    body = "".join(
        f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(v)}</value></data>\n'
        for k, v in sorted(entries.items(), key=lambda kv: kv[0].lower()))
    RESX.parent.mkdir(parents=True, exist_ok=True)
    RESX.write_text(HEADER + body + "</root>\n", encoding="utf-8")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("missing", "add"):
        print(__doc__)
        return 2
    entries = read()
    if sys.argv[1] == "missing":
        missing = sorted(used_keys() - entries.keys())
        print(json.dumps({k: "" for k in missing}, ensure_ascii=False, indent=1))
        return 1 if missing else 0
    entries.update(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    write(entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
