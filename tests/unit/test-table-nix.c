/* SPDX-License-Identifier: MIT */
/* NixOS's registrations read from Nix as NixOS's binfmt module registers
 * them, and every problem with its line and its exact words. */
#define UNIT_TABLE_READER table_parse_nix
#include "unit-table.h"

static const char module[] =
    "{ config, pkgs, ... }:\n"
    "let qemu = pkgs.qemu; in\n"
    "{\n"
    "  imports = [ ./hardware.nix ];  # a comment\n"
    "  /* a comment */ networking.hostName = \"x\";\n"
    "  boot.binfmt.registrations.aarch64 = {\n"
    "    interpreter = \"${qemu}/bin/qemu-aarch64\";\n"
    "    magicOrExtension = ''\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00'';\n"
    "    mask = \"\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\x00\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xfe\\\\xff\\\\xff\\\\xff\";\n"
    "    offset = 0;\n"
    "    preserveArgvZero = true;\n"
    "    matchCredentials = true;\n"
    "    fixBinary = true;\n"
    "    wrapInterpreterInShell = false;\n"
    "  };\n"
    "  boot = { binfmt.registrations.\"a-jar\" = { interpreter = /usr/bin/jexec;\n"
    "    recognitionType = \"extension\"; magicOrExtension = \"jar\"; }; };\n"
    "  services.x = let a = 1; in with pkgs; assert a == 1; [ a { b = \"}\"; } ];\n"
    "}\n";

static void test_table_nix_reads_a_module(void **state)
{
	struct table t;
	(void)state;
	parse(&t, module);
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 2);
	/* Attribute-name order, as mapAttrsToList. */
	const struct binfmt_entry *jar = &t.items[0].entry, *e = &t.items[1].entry;
	assert_string_equal(jar->name, "a-jar");
	assert_int_equal(jar->type, ENTRY_EXTENSION);
	assert_string_equal(jar->extension, "jar");
	assert_string_equal(jar->interpreter, "/run/binfmt/a-jar");
	assert_int_equal(jar->flags, 0);
	assert_int_equal(t.items[0].line, 16);
	assert_string_equal(e->name, "aarch64");
	assert_int_equal(e->size, 20);
	assert_int_equal(e->magic[18], 0xb7);
	assert_true(e->has_mask);
	assert_int_equal(e->mask[7], 0x00);
	assert_string_equal(e->interpreter, "/run/binfmt/aarch64");
	/* openBinary defaults to matchCredentials. */
	assert_int_equal(e->flags, ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_OPEN_BINARY |
				       ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_FIX_BINARY);
	assert_int_equal(t.items[1].line, 7);
	table_free(&t);
}

/* Nix's string rules: "\x" is "x", ''\x'' stays, indentation goes. */
static void test_table_nix_strings(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "{ a = { interpreter = /x; offset = 3; magicOrExtension = \"\\x41\\$\\{\"; };\n"
		  "  b = { interpreter = /x; magicOrExtension = ''\n"
		  "      \\x41'''\n"
		  "    ''; mask = null; }; }\n");
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 2);
	/* "x41${": as the kernel reads the text. */
	assert_int_equal(t.items[0].entry.offset, 3);
	assert_int_equal(t.items[0].entry.size, 5);
	assert_memory_equal(t.items[0].entry.magic, "x41${", 5);
	/* "\x41''\n" (nix-instantiate 2.8 agrees): the six spaces of
	 * indentation gone, as the last line, of spaces only, counts for
	 * none and goes; ''' is ''; the kernel decodes \x41. */
	assert_int_equal(t.items[1].entry.size, 4);
	assert_memory_equal(t.items[1].entry.magic, "A''\n", 4);
	assert_false(t.items[1].entry.has_mask);
	table_free(&t);
}

/* NixOS's own table: the systems emulatedSystems takes, *-linux with P. */
static void test_table_nix_magics(void **state)
{
	struct table t;
	(void)state;
	parse(
	    &t,
	    "{ lib, ... }: let\n"
	    "  magics = {\n"
	    "    riscv64-linux = { magicOrExtension = ''\\x7fELF''; mask = ''\\xff\\xff\\xff\\xff''; };\n"
	    "    x86_64-windows = { magicOrExtension = \"exe\"; recognitionType = \"extension\"; };\n"
	    "  };\n"
	    "in { config.boot.binfmt.registrations = lib.mapAttrs (n: v: v) magics; }\n");
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 2);
	assert_string_equal(t.items[0].entry.name, "riscv64-linux");
	assert_int_equal(t.items[0].entry.flags, ENTRY_FLAG_PRESERVE_ARGV0);
	assert_string_equal(t.items[0].entry.interpreter, "/run/binfmt/riscv64-linux");
	assert_int_equal(t.items[1].entry.flags, 0);
	table_free(&t);
}

static void test_table_nix_problems(void **state)
{
	(void)state;
	one_problem(
	    "{ a = { interpreter = /x; magicOrExtension = \"\\x7fELF\";\n  offset = \"0\"; }; }", 2,
	    "a.offset: expected an integer or null, not \"\\\"0\\\"\"");
	one_problem("{ a = { interpreter = /x; magicOrExtension = \"${x}\"; }; }", 1,
		    "a.magicOrExtension: a string with ${...}, whose value qbinfmt cannot know");
	one_problem("{ a = { interpreter = /x; magicOrExtension = \"x\"; fixBinary = 1; }; }", 1,
		    "a.fixBinary: expected true or false, not \"1\"");
	one_problem(
	    "{ a = { interpreter = /x; magicOrExtension = \"x\"; recognitionType = \"m\"; }; }", 1,
	    "a.recognitionType: expected \"magic\" or \"extension\", not \"\\\"m\\\"\"");
	one_problem("{ a = { interpreter = /x; magicOrExtension = \"x\"; mask = 0; }; }", 1,
		    "a.mask: expected a string or null, not \"0\"");
	one_problem("{ a = { interpreter = /x; magicOrExtension = \"x\"; offset.b = 1; }; }", 1,
		    "a.offset: an attribute set, where NixOS's option takes a value");
	one_problem("{ a = { interpreter = /x; magic = \"x\"; }; }", 1,
		    "a: unknown attribute magic (NixOS's registrations have no such option)");
	one_problem("{ a = { interpreter = /x; }; }", 1, "a: no magicOrExtension");
	one_problem("{ a = { magicOrExtension = \"x\"; }; }", 1,
		    "a: no interpreter (NixOS requires one)");
	one_problem("{ a = { interpreter = /x; magicOrExtension = \"x\";\n"
		    "  matchCredentials = true; openBinary = false; }; }",
		    2, "a: matchCredentials without openBinary: NixOS refuses it (C implies O)");
	one_problem(
	    "{ a = { interpreter = /x; magicOrExtension = \"x\"; fixBinary = true; }; }", 1,
	    "a: fixBinary with wrapInterpreterInShell (true unless set false): NixOS refuses it, and F would hold the shell script open, not the interpreter");
	one_problem(
	    "{ a = { interpreter = /x; magicOrExtension = \"x\"; };\n a.magicOrExtension = \"y\"; }",
	    2, "attribute 'a.magicOrExtension' already defined on line 1");
	one_problem(
	    "{ a = import ./a.nix; }", 1,
	    "a: not an attribute set written out (qbinfmt reads literal values, not Nix expressions): \"import ./a.nix\"");
	one_problem("{ ${x}.magicOrExtension = \"x\"; }", 1,
		    "${...}.magicOrExtension: a name with ${...}, which qbinfmt cannot know");
	one_problem(
	    "{ pkgs, ... }: { boot.binfmt.emulatedSystems = [ \"aarch64-linux\" ]; }", 1,
	    "boot.binfmt.emulatedSystems takes its registrations from NixOS's own table, which is not in this file: lint that table, or write boot.binfmt.registrations out");
	one_problem("{ pkgs, ... }: { networking.hostName = \"x\"; }", 0,
		    "no boot.binfmt.registrations, nor a magics table, in this file");
	/* The kernel's rules, on the line makeBinfmtLine builds. */
	one_problem(
	    "{ a = { interpreter = /x; magicOrExtension = \"x\";\n offset = 300; }; }", 1,
	    "magic: offset + length reach past the 256 bytes the kernel reads: \":a:M:300:x::/run/binfmt/a:\"");
}

static void test_table_nix_syntax(void **state)
{
	(void)state;
	one_problem("{ a = \"x;\n}", 1, "unterminated string (\" without its closing \")");
	one_problem("{ a = ''x;\n}", 1, "unterminated indented string ('' without its closing '')");
	one_problem("{ /* a\n}", 1, "unterminated comment (/* without */)");
	one_problem("{ a = \"${ x", 1, "unterminated ${ (no closing })");
	one_problem("{ a = 1 ^ 2; }", 1, "unexpected character \"^\"");
	one_problem("{ a = [ 1 ); }", 1, "unbalanced ')' (opened on line 1)");
	one_problem("{\n a = 1\n}", 3, "expected ';' after the value on line 2, not \"}\"");
	one_problem("{ a 1; }", 1, "expected an attribute name and '=', not \"1\"");
}

/* One bad registration: the others are still read. */
static void test_table_nix_goes_on(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "{ a = { interpreter = /x; magicOrExtension = \"x\"; offset = \"1\"; };\n"
		  "  b = { interpreter = /x; magicOrExtension = \"x\"; }; }\n");
	assert_int_equal(t.problem_count, 1);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.name, "b");
	table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_nix_reads_a_module),
	    cmocka_unit_test(test_table_nix_strings),
	    cmocka_unit_test(test_table_nix_magics),
	    cmocka_unit_test(test_table_nix_problems),
	    cmocka_unit_test(test_table_nix_syntax),
	    cmocka_unit_test(test_table_nix_goes_on),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
