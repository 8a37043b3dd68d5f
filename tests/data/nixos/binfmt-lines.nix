# SPDX-License-Identifier: MIT
# What NixOS makes of boot.binfmt.registrations: each registration with
# the option defaults of its module (nixos/modules/system/boot/binfmt.nix),
# then the register line of that module's makeBinfmtLine, rewritten here
# step by step (NixOS 22.05 to 25.05 build it the same way):
#   ":${name}:${type}:${offset'}:${magicOrExtension}:${mask'}:${interpreter}:${flags}"
# with offset' and mask' `toString` of the value (null: ""), the
# interpreter /run/binfmt/NAME, and the flags P, O (openBinary without
# matchCredentials), C, F in that order.  Evaluated by the tests with
#   nix-instantiate --eval --strict --json --arg registrations 'import FILE' THIS
# it gives, per registration in attribute-name order (mapAttrsToList's),
# its name, line, the `interpreter` /run/binfmt/NAME links to and
# wrapInterpreterInShell.
{ registrations }:
let
  optionalString = cond: s: if cond then s else "";
  withDefaults = r: {
    recognitionType = "magic";
    offset = null;
    mask = null;
    preserveArgvZero = false;
    openBinary = r.matchCredentials or false;
    matchCredentials = false;
    fixBinary = false;
    wrapInterpreterInShell = true;
    interpreterSandboxPath = null;
  } // r;
  makeBinfmtLine = name: { recognitionType, offset, magicOrExtension, mask, preserveArgvZero,
                           openBinary, matchCredentials, fixBinary, ... }:
    let
      type = if recognitionType == "magic" then "M" else "E";
      offset' = toString offset;
      mask' = toString mask;
      interpreter = "/run/binfmt/${name}";
      flags = if !(matchCredentials -> openBinary)
        then throw "boot.binfmt.registrations.${name}: you can't specify openBinary = false when matchCredentials = true."
        else optionalString preserveArgvZero "P"
          + optionalString (openBinary && !matchCredentials) "O"
          + optionalString matchCredentials "C"
          + optionalString fixBinary "F";
    in ":${name}:${type}:${offset'}:${magicOrExtension}:${mask'}:${interpreter}:${flags}";
in
map (name:
  let r = withDefaults registrations.${name}; in {
    inherit name;
    line = makeBinfmtLine name r;
    interpreter = r.interpreter;
    wrapInterpreterInShell = r.wrapInterpreterInShell;
  }) (builtins.attrNames registrations)
