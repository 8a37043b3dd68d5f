# A NixOS configuration's registrations, as users write them.
{ config, pkgs, ... }:
{
  networking.hostName = "builder";
  boot.binfmt.registrations.riscv64 = {
    interpreter = "${pkgs.qemu}/bin/qemu-riscv64";
    magicOrExtension = ''\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00'';
    mask = ''\xff\xff\xff\xff\xff\xff\xff\xfc\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'';
    preserveArgvZero = true;
    fixBinary = true;
    wrapInterpreterInShell = false;
  };
}
