# SPDX-License-Identifier: MIT
# Registrations written the ways NixOS users write them, for
# tests/export-nix-guix.sh: qbinfmt's Nix loader must read from this file
# the very register lines nix-instantiate evaluates it to through
# makeBinfmtLine (tests/data/nixos/binfmt-lines.nix).
let
  # Not a registration: a let binding of the file.
  qemu = "/usr/bin";
in
{
  # Dotted paths and nested sets merge.
  qemu-riscv64.magicOrExtension = ''\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00'';
  qemu-riscv64 = {
    interpreter = "${qemu}/qemu-riscv64";
    mask = "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff";
    preserveArgvZero = true;
    fixBinary = true;
    wrapInterpreterInShell = false;
  };
  "qemu-s390x" = {
    interpreter = "/usr/bin/qemu-s390x";
    recognitionType = "magic";
    offset = 0;
    # An indented string over lines: its indentation and last line go.
    magicOrExtension = ''
      \x7fELF\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x16'';
    mask = null;
    matchCredentials = true; /* openBinary follows it */
  };
  jar = { interpreter = "/usr/bin/jexec"; recognitionType = "extension"; magicOrExtension = "jar"; openBinary = true; };
  # Escapes: "\$" is $, ''$ too; a lone $ is itself.
  esc = { interpreter = "/x"; magicOrExtension = "a\$b$"; mask = ''\xff\xff\xff''$''; offset = 2; };
}
