/* SPDX-License-Identifier: MIT */
/* registrar/image: tonistiigi/binfmt's --install and --uninstall as
 * qbinfmt's targets and entries, and its JSON's "supported", against
 * tables made here (no binfmt_misc is read). */
#include "registrar/image.h"
#include "target-entry.h"

#include <stdio.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "registrar/image.h"
#include "target-entry.h"

#include <string.h>

static void add(struct table *live, const char *target, unsigned flags)
{
	struct binfmt_entry e;

	target_entry(target_lookup(target), "/usr/bin/qemu", flags, &e);
	assert_non_null(table_add(live, &e, "test", 0));
}

static void test_image_install_list_all_and_names(void **state)
{
	struct selection sel;
	struct failure f;
	bool all;

	(void)state;
	assert_int_equal(image_install_list("all", &all, &sel, &f), 0);
	assert_true(all);
	assert_int_equal(sel.count, 0);
	assert_int_equal(
	    image_install_list("arm64, linux/riscv64,aarch64,linux/arm/v7", &all, &sel, &f), 0);
	assert_false(all);
	assert_int_equal(sel.count, 3);
	assert_string_equal(sel.items[0]->name, "aarch64");
	assert_string_equal(sel.items[1]->name, "riscv64");
	assert_string_equal(sel.items[2]->name, "arm");
	assert_true(sel.named[2]);
}

static void test_image_install_list_refuses_unknown_listing_valid(void **state)
{
	struct selection sel;
	struct failure f;
	bool all;

	(void)state;
	assert_int_equal(image_install_list("arm64,foo", &all, &sel, &f), -1);
	assert_int_equal(f.status, EXIT_USAGE);
	assert_non_null(strstr(
	    f.why, "--install: unknown platform 'foo': give all, or platforms among amd64 arm64 "));
	assert_non_null(strstr(f.why, "or qemu targets among aarch64 aarch64_be alpha "));
	assert_int_equal(image_install_list("arm64,,s390x", &all, &sel, &f), -1);
	assert_string_equal(f.why, "--install: an empty platform name in 'arm64,,s390x'");
	assert_int_equal(image_install_list("", &all, &sel, &f), -1);
}

static void test_image_uninstall_maps_qemu_names_to_qbinfmt(void **state)
{
	struct image_removal r[IMAGE_LIST_MAX];
	struct table live;
	struct failure f;

	(void)state;
	table_init(&live);
	add(&live, "aarch64", ENTRY_FLAG_FIX_BINARY);
	assert_int_equal(image_uninstall_list("qemu-aarch64,s390x,qbinfmt-riscv64", &live, r, &f),
			 3);
	assert_int_equal(r[0].kind, IMAGE_NAME_QEMU);
	assert_int_equal(r[0].entry_count, 1);
	assert_string_equal(r[0].entries[0], "qbinfmt-aarch64");
	assert_string_equal(r[0].foreign, "");
	assert_int_equal(r[1].kind, IMAGE_NAME_PLATFORM);
	assert_string_equal(r[1].entries[0], "qbinfmt-s390x");
	assert_int_equal(r[2].kind, IMAGE_NAME_ENTRY);
	assert_string_equal(r[2].entries[0], "qbinfmt-riscv64");
	table_free(&live);
}

/* qemu-* stands for qbinfmt's registered entries; another tool's
 * qemu-aarch64 is named, to be left alone. */
static void test_image_uninstall_pattern_matches_registered_only(void **state)
{
	struct image_removal r[IMAGE_LIST_MAX];
	struct binfmt_entry other;
	struct table live;
	struct failure f;

	(void)state;
	table_init(&live);
	add(&live, "aarch64", ENTRY_FLAG_FIX_BINARY);
	add(&live, "s390x", ENTRY_FLAG_FIX_BINARY);
	target_entry(target_lookup("aarch64"), "/usr/bin/qemu-aarch64", ENTRY_FLAG_FIX_BINARY,
		     &other);
	snprintf(other.name, sizeof(other.name), "qemu-aarch64");
	assert_non_null(table_add(&live, &other, "test", 0));
	assert_int_equal(image_uninstall_list("qemu-*", &live, r, &f), 1);
	assert_int_equal(r[0].kind, IMAGE_NAME_PATTERN);
	assert_int_equal(r[0].entry_count, 2);
	assert_string_equal(r[0].entries[0], "qbinfmt-aarch64");
	assert_string_equal(r[0].entries[1], "qbinfmt-s390x");
	assert_string_equal(r[0].foreign, "qemu-aarch64");
	assert_int_equal(image_uninstall_list("qemu-aarch64", &live, r, &f), 1);
	assert_string_equal(r[0].foreign, "qemu-aarch64");
	assert_int_equal(image_uninstall_list("qbinfmt-s3*", &live, r, &f), 1);
	assert_int_equal(r[0].entry_count, 1);
	assert_string_equal(r[0].entries[0], "qbinfmt-s390x");
	assert_int_equal(image_uninstall_list("qemu-mips*", &live, r, &f), 1);
	assert_int_equal(r[0].entry_count, 0);
	table_free(&live);
}

static void test_image_uninstall_refuses_unknown(void **state)
{
	struct image_removal r[IMAGE_LIST_MAX];
	struct table live;
	struct failure f;

	(void)state;
	table_init(&live);
	assert_int_equal(image_uninstall_list("qemu-foo", &live, r, &f), -1);
	assert_int_equal(f.status, EXIT_USAGE);
	assert_string_equal(
	    f.why,
	    "--uninstall: 'qemu-foo' is no emulator, platform or pattern: give qemu-TARGET (tonistiigi/binfmt's names), qbinfmt-TARGET, a platform such as arm64, or a pattern such as 'qemu-*'");
	/* tonistiigi/binfmt names entries after qemu, never after an alias. */
	assert_int_equal(image_uninstall_list("qemu-arm64", &live, r, &f), -1);
	assert_int_equal(image_uninstall_list("arm64,", &live, r, &f), -1);
	assert_string_equal(f.why, "--uninstall: an empty name in 'arm64,'");
}

static size_t supported(const struct table *live, const char *host, const struct platform **out)
{
	struct host_profile h;
	char why[256];

	assert_int_equal(host_parse(host, &h, why, sizeof(why)), 0);
	return image_supported(live, &h, out, 64);
}

static void test_image_supported_natives_first(void **state)
{
	const struct platform *out[64];
	struct table live;

	(void)state;
	table_init(&live);
	size_t n = supported(&live, "x86_64", out);
	assert_int_equal(n, 2);
	assert_string_equal(out[0]->arch, "amd64");
	assert_string_equal(out[1]->arch, "386");
	n = supported(&live, "aarch64", out);
	assert_int_equal(n, 4);
	assert_string_equal(out[0]->arch, "arm64");
	assert_string_equal(out[1]->variant, "v7");
	/* An arm64 CPU without AArch32 (A64FX, Graviton 3) runs arm
	 * programs only through an entry. */
	n = supported(&live, "aarch64,-arm", out);
	assert_int_equal(n, 1);
	assert_string_equal(out[0]->arch, "arm64");
	add(&live, "arm", ENTRY_FLAG_FIX_BINARY);
	n = supported(&live, "aarch64,-arm", out);
	assert_int_equal(n, 4);
	assert_string_equal(out[1]->variant, "v7");
	table_free(&live);
}

/* A platform is supported where the entry the kernel picks has F; arm's
 * three variants come with one entry. */
static void test_image_supported_needs_f(void **state)
{
	const struct platform *out[64];
	struct table live;

	(void)state;
	table_init(&live);
	add(&live, "aarch64", ENTRY_FLAG_FIX_BINARY | ENTRY_FLAG_PRESERVE_ARGV0);
	add(&live, "s390x", ENTRY_FLAG_PRESERVE_ARGV0);
	add(&live, "arm", ENTRY_FLAG_FIX_BINARY);
	size_t n = supported(&live, "x86_64", out);
	assert_int_equal(n, 6);
	assert_string_equal(out[2]->arch, "arm64");
	assert_string_equal(out[3]->variant, "v7");
	assert_string_equal(out[4]->variant, "v6");
	assert_string_equal(out[5]->variant, "v5");
	/* A newer entry without F for s390x... and a disabled one changes nothing. */
	live.items[0].entry.enabled = false;
	n = supported(&live, "x86_64", out);
	assert_int_equal(n, 5);
	table_free(&live);
}

/* An entry whose mask takes every 64-bit big-endian ELF hands ppc64 and
 * mips64 programs to qemu-s390x: they would not run. */
static void test_image_supported_needs_the_targets_own_qemu(void **state)
{
	const struct platform *out[64];
	struct binfmt_entry broad;
	struct table live;

	(void)state;
	table_init(&live);
	target_entry(target_lookup("s390x"), "/usr/bin/qemu-s390x", ENTRY_FLAG_FIX_BINARY, &broad);
	snprintf(broad.name, sizeof(broad.name), "qemu-s390x");
	broad.size = 18; /* up to e_type: no e_machine */
	assert_non_null(table_add(&live, &broad, "test", 0));
	size_t n = supported(&live, "x86_64", out);
	assert_int_equal(n, 3);
	assert_string_equal(out[2]->arch, "s390x");
	table_free(&live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_image_install_list_all_and_names),
	    cmocka_unit_test(test_image_install_list_refuses_unknown_listing_valid),
	    cmocka_unit_test(test_image_uninstall_maps_qemu_names_to_qbinfmt),
	    cmocka_unit_test(test_image_uninstall_pattern_matches_registered_only),
	    cmocka_unit_test(test_image_uninstall_refuses_unknown),
	    cmocka_unit_test(test_image_supported_natives_first),
	    cmocka_unit_test(test_image_supported_needs_f),
	    cmocka_unit_test(test_image_supported_needs_the_targets_own_qemu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
