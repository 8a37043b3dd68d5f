{
  boot.binfmt.registrations = {
    a = { interpreter = "/x"; magicOrExtension = "\\x7fELF"; offset = "0"; };
    b = { interpreter = "/x"; magicOrExtension = "\\x7fELF"; fixBinary = true; };
    c = { interpreter = "/x"; magicOrExtension = "\\x7fELF"; wrapInterpreterInShell = false; };
  };
}
