#!/usr/bin/env python3
"""Refresh the shipped ICD-10-CM subset from a CMS/CDC "codes" release file.

Usage:
  python3 server/scripts/refresh-icd10cm.py path/to/icd10cm_codes_2027.txt

Reads the codes in server/src/main/resources/clinical/icd10cm/codes.tsv, looks each one up
in the release file (fixed layout: code without dot, spaces, title), rewrites the title
verbatim from the release, and lists codes that the release no longer has (deleted or
expanded) so a person can pick their replacement. Nothing is typed by hand.
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SUBSET = HERE.parent / "src/main/resources/clinical/icd10cm/codes.tsv"


def main(release_path: str) -> int:
    release = {}
    for line in pathlib.Path(release_path).read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0][:1].isalpha():
            release[parts[0]] = parts[1].strip()
    rows, gone, changed = [], [], 0
    for line in SUBSET.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        code, title = line.split("\t", 1)
        bare = code.replace(".", "")
        if bare not in release:
            gone.append(code)
            continue
        if release[bare] != title:
            changed += 1
        rows.append(f"{code}\t{release[bare]}")
    SUBSET.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} codes kept, {changed} titles updated, {len(gone)} not in the release")
    for code in gone:
        print(f"  not in release (choose a replacement): {code}")
    return 0 if not gone else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
