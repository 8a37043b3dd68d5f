/* SPDX-License-Identifier: MIT */
/* registrar/export-format: the three file formats, their names, and what
 * each cannot say. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "registrar/export-format.h"
#include "target-entry.h"

#include <stdio.h>
#include <string.h>

static void entry_for(const char *target, unsigned flags, struct binfmt_entry *e)
{
	target_entry(target_lookup(target), "/usr/bin/qemu-aarch64", flags, e);
}

static void test_export_binfmt_d_and_register(void **state)
{
	struct binfmt_entry e;
	char buf[4096], why[256], line[BINFMT_REGISTER_MAX + 1];
	(void)state;

	entry_for("aarch64", ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY, &e);
	assert_true(entry_format(&e, line, sizeof(line)) >= 0);

	assert_int_equal(export_render(EXPORT_BINFMT_D, &e, "made by a test", buf, sizeof(buf), why,
				       sizeof(why)),
			 0);
	char want[4096];
	snprintf(want, sizeof(want), "# made by a test\n%s\n", line);
	assert_string_equal(buf, want);

	assert_int_equal(
	    export_render(EXPORT_REGISTER, &e, "ignored", buf, sizeof(buf), why, sizeof(why)), 0);
	snprintf(want, sizeof(want), "%s\n", line);
	assert_string_equal(buf, want);
	assert_string_equal(why, "");

	/* Too small a buffer: -1, never a cut file. */
	assert_int_equal(export_render(EXPORT_REGISTER, &e, "", buf, 10, why, sizeof(why)), -1);
}

static void test_export_debian(void **state)
{
	struct binfmt_entry e;
	char buf[4096], why[256];
	(void)state;

	entry_for("aarch64", ENTRY_FLAG_PRESERVE_ARGV0, &e);
	assert_int_equal(export_render(EXPORT_DEBIAN, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 0);
	assert_non_null(strstr(
	    buf,
	    "package qbinfmt\ninterpreter /usr/bin/qemu-aarch64\nmagic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01"));
	assert_non_null(strstr(buf, "\noffset 0\nmask \\xff\\xff"));
	assert_non_null(strstr(buf, "credentials no\npreserve yes\nfix_binary no\n"));

	/* C says O; O alone binfmt-support cannot say. */
	entry_for("aarch64", ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY, &e);
	assert_int_equal(export_render(EXPORT_DEBIAN, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 0);
	assert_non_null(strstr(buf, "credentials yes\n"));
	entry_for("aarch64", ENTRY_FLAG_OPEN_BINARY, &e);
	assert_int_equal(export_render(EXPORT_DEBIAN, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 -1);
	assert_non_null(strstr(why, "no O flag"));

	/* An extension entry. */
	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "jar");
	e.type = ENTRY_EXTENSION;
	snprintf(e.extension, sizeof(e.extension), "jar");
	snprintf(e.interpreter, sizeof(e.interpreter), "/usr/bin/jexec");
	assert_int_equal(export_render(EXPORT_DEBIAN, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 0);
	assert_string_equal(buf, "package qbinfmt\ninterpreter /usr/bin/jexec\nextension jar\n"
				 "credentials no\npreserve no\nfix_binary no\n");
}

static void test_export_names_and_formats(void **state)
{
	struct binfmt_entry e;
	enum export_format f;
	char name[256];
	(void)state;

	entry_for("s390x", 0, &e);
	export_file_name(EXPORT_BINFMT_D, &e, name, sizeof(name));
	assert_string_equal(name, "qbinfmt-s390x.conf");
	export_file_name(EXPORT_DEBIAN, &e, name, sizeof(name));
	assert_string_equal(name, "qbinfmt-s390x");
	export_file_name(EXPORT_REGISTER, &e, name, sizeof(name));
	assert_string_equal(name, "qbinfmt-s390x.register");
	export_file_name(EXPORT_NIX, &e, name, sizeof(name));
	assert_string_equal(name, "qbinfmt-s390x.nix");
	export_file_name(EXPORT_GUIX, &e, name, sizeof(name));
	assert_string_equal(name, "qbinfmt-s390x.scm");

	assert_true(export_format_parse("binfmt.d", &f));
	assert_int_equal(f, EXPORT_BINFMT_D);
	assert_true(export_format_parse("debian", &f));
	assert_int_equal(f, EXPORT_DEBIAN);
	assert_true(export_format_parse("register", &f));
	assert_int_equal(f, EXPORT_REGISTER);
	assert_true(export_format_parse("nix", &f));
	assert_int_equal(f, EXPORT_NIX);
	assert_true(export_format_parse("guix", &f));
	assert_int_equal(f, EXPORT_GUIX);
	assert_false(export_format_parse("systemd", &f));
	assert_string_equal(export_prologue(EXPORT_REGISTER), "");
	assert_string_equal(export_epilogue(EXPORT_BINFMT_D), "");
	assert_string_equal(export_epilogue(EXPORT_NIX), "}\n");
}

static void test_export_nix_attribute(void **state)
{
	struct binfmt_entry e;
	char buf[4096], why[256];
	(void)state;

	entry_for("s390x", ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY, &e);
	/* Nothing of the interpreter is taken for an escape or ${...}. */
	snprintf(e.interpreter, sizeof(e.interpreter), "/opt/q\"${x}\\/qemu-s390x");
	assert_int_equal(export_render(EXPORT_NIX, &e, "c", buf, sizeof(buf), why, sizeof(why)), 0);
	assert_string_equal(
	    buf,
	    "  # c\n"
	    "  \"qbinfmt-s390x\" = {\n"
	    "    interpreter = \"/opt/q\\\"\\${x}\\\\/qemu-s390x\";\n"
	    "    wrapInterpreterInShell = false;\n"
	    "    recognitionType = \"magic\";\n"
	    "    offset = 0;\n"
	    "    magicOrExtension = ''\\x7f\\x45\\x4c\\x46\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x16'';\n"
	    "    mask = ''\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfc\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff'';\n"
	    "    preserveArgvZero = true;\n"
	    "    openBinary = false;\n"
	    "    matchCredentials = false;\n"
	    "    fixBinary = true;\n"
	    "  };\n");
}

static void test_export_nix_refuses_the_launcher(void **state)
{
	struct binfmt_entry e;
	char buf[4096], why[256];
	(void)state;

	entry_for("aarch64", ENTRY_FLAG_PRESERVE_ARGV0, &e);
	snprintf(e.interpreter, sizeof(e.interpreter),
		 "/usr/libexec/qbinfmt/qemu-aarch64-binfmt-P,cpu=max");
	assert_int_equal(export_render(EXPORT_NIX, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 -1);
	assert_string_equal(
	    why,
	    "NixOS runs the interpreter as /run/binfmt/NAME, a name the launcher takes no target from: export for NixOS with --wiring native");
	entry_for("aarch64", 0, &e);
	snprintf(e.name, sizeof(e.name), "a:b");
	assert_int_equal(export_render(EXPORT_NIX, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 -1);
	assert_string_equal(
	    why,
	    "NixOS joins the fields with ':' as they are, and this entry's name or extension holds one");
}

static void test_export_guix_platform(void **state)
{
	struct binfmt_entry e;
	char buf[4096], why[256];
	(void)state;

	entry_for("s390x", ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY, &e);
	assert_int_equal(export_render(EXPORT_GUIX, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 0);
	assert_string_equal(
	    buf,
	    "     ;; c\n"
	    "     ;; Guix: its own qemu-s390x, no flags (qbinfmt's: PF)\n"
	    "     (qemu-platform \"s390x\" \"s390\"\n"
	    "                    #u8(#x7f #x45 #x4c #x46 #x02 #x02 #x01 #x00 #x00 #x00 #x00 #x00 #x00 #x00 #x00 #x00 #x00 #x02 #x00 #x16)\n"
	    "                    #u8(#xff #xff #xff #xff #xff #xff #xff #xfc #x00 #xff #xff #xff #xff #xff #xff #xff #xff #xfe #xff #xff))\n");
	snprintf(e.name, sizeof(e.name), "qemu-s390x");
	assert_int_equal(export_render(EXPORT_GUIX, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 -1);
	assert_string_equal(
	    why,
	    "Guix's service runs qemu-NAME for a platform NAME, and this entry names no qemu target");
	entry_for("s390x", 0, &e);
	e.offset = 4;
	assert_int_equal(export_render(EXPORT_GUIX, &e, "c", buf, sizeof(buf), why, sizeof(why)),
			 -1);
	assert_string_equal(
	    why, "Guix's qemu platforms are magic entries at offset 0, and this entry is not one");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_export_binfmt_d_and_register),
	    cmocka_unit_test(test_export_debian),
	    cmocka_unit_test(test_export_names_and_formats),
	    cmocka_unit_test(test_export_nix_attribute),
	    cmocka_unit_test(test_export_nix_refuses_the_launcher),
	    cmocka_unit_test(test_export_guix_platform),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
