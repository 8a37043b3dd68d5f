#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Convert the binfmt tables of the seed documents to register strings.

    python3 seed-convert.py nixos SEED > nixos-binfmt.reg
    python3 seed-convert.py guix SEED > guix-qemu-binfmt.reg

Run once by hand; its output is committed beside it (the seeds live
outside this repository).  Each output line is the string the seed's own
code would write to binfmt_misc's `register`:

nixos: nixos/modules/system/boot/binfmt.nix, makeBinfmtLine:
    ":${name}:${type}:${offset'}:${magicOrExtension}:${mask'}:${interpreter}:${flags}"
  with every entry of its `magics` set, in attribute-name order (what
  lib.mapAttrsToList yields), offset and mask `toString null` = "" when
  unset, interpreter /run/binfmt/NAME, and flag P for the *-linux systems
  (their emulator is qemu-ARCH, so preserveArgvZero defaults to true) and
  none for wasm (wasmtime) and windows (wine).  Nix '' strings keep the
  \\x escapes as text, which the kernel then decodes.

guix: gnu/services/virtualization.scm, qemu-platform->binfmt:
    ":qemu-NAME:M::MAGIC:MASK:QEMU/bin/qemu-NAME:"
  every byte of the bytevectors as \\xHH, for the platforms of
  %qemu-platforms in its order (what lookup-qemu-platforms returns), with
  the store path of QEMU written as /gnu/store/HASH-qemu.
"""
import re
import sys


def nixos(text):
    body = text[text.index("magics = {") + len("magics = {"):text.index("in {")]
    entries = {}
    for m in re.finditer(r"^([\w.-]+) = \{(.*?)^\};", body, re.S | re.M):
        name, fields = m.group(1), m.group(2)
        magic = re.search(r"magicOrExtension = (?:''(.*?)''|\"(.*?)\");", fields)
        mask = re.search(r"mask = (?:''(.*?)''|\"(.*?)\");", fields)
        kind = re.search(r'recognitionType = "(\w+)";', fields)
        entries[name] = (
            "E" if kind and kind.group(1) == "extension" else "M",
            magic.group(1) if magic.group(1) is not None else magic.group(2),
            (mask.group(1) if mask.group(1) is not None else mask.group(2)) if mask else "",
        )
    for name in sorted(entries, key=lambda n: n.encode()):
        kind, magic, mask = entries[name]
        flags = "P" if name.endswith("-linux") else ""
        print(f":{name}:{kind}::{magic}:{mask}:/run/binfmt/{name}:{flags}")


def scheme_bytes(literal):
    out, i = [], 0
    while i < len(literal):
        if literal.startswith("\\x", i):
            out.append(int(literal[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(ord(literal[i]))
            i += 1
    return out


def guix(text):
    platforms = {}
    for m in re.finditer(r'\(define %([\w-]+)\s*\(qemu-platform "([\w-]+)" "[\w-]+"\s*'
                         r'\(bv "(.*?)"\)\s*\(bv "(.*?)"\)\)\)', text, re.S):
        platforms[m.group(1)] = (m.group(2), scheme_bytes(m.group(3)), scheme_bytes(m.group(4)))
    listed = re.search(r"\(define %qemu-platforms\s*\(list (.*?)\)\)", text, re.S).group(1)
    for var in re.findall(r"%([\w-]+)", listed):
        name, magic, mask = platforms[var]
        hexes = lambda bs: "".join(f"\\x{b:02x}" for b in bs)
        print(f":qemu-{name}:M::{hexes(magic)}:{hexes(mask)}:/gnu/store/HASH-qemu/bin/qemu-{name}:")


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    # The seeds carry a column of line numbers before the text.
    text = "\n".join(l for l in open(path).read().splitlines() if not re.fullmatch(r"\d+", l))
    {"nixos": nixos, "guix": guix}[kind](text)
