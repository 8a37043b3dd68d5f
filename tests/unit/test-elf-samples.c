/* SPDX-License-Identifier: MIT */
/* lib/elf-samples: the headers real binaries carry, checked against the
 * fixtures (real binaries from cross compilers) and qbinfmt's own
 * entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "elf-fields.h"
#include "elf-samples.h"
#include "target-entry.h"

#include <dirent.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool known(const struct target *t, const struct elf_sample *have)
{
	struct elf_sample usual = elf_sample_usual(t, have->type, have->osabi);

	if ((have->osabi == ELFOSABI_SYSV && !elf_sample_gnu_only(t)) ||
	    have->osabi == ELFOSABI_GNU)
		if (memcmp(&usual, have, sizeof(usual)) == 0)
			return true;
	for (size_t i = 0; i < elf_variant_count; i++) {
		const struct elf_variant *v = &elf_variants[i];
		if (!elf_variant_of(v, t))
			continue;
		struct elf_sample s = elf_variant_apply(v, usual);
		if (memcmp(&s, have, sizeof(s)) == 0)
			return true;
	}
	return false;
}

/* Every binary a cross compiler made for the fixtures carries a header
 * the table knows: its target's usual one or a listed variant. */
static void test_samples_know_every_fixture_header(void **state)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	size_t checked = 0;
	(void)state;

	snprintf(dir, sizeof(dir), "%s/tests/fixtures/bin", top ? top : ".");
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d));) {
		/* synthetic-*: headers written by hand, not by a compiler. */
		if (strncmp(de->d_name, "hello-", 6) != 0)
			continue;
		char path[8192];
		unsigned char h[64];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		size_t n = fread(h, 1, sizeof(h), f);
		fclose(f);
		assert_true(n == sizeof(h));
		uint16_t type = (uint16_t)elf_get(h + EI_NIDENT, 2, h[EI_DATA]);
		uint32_t flags = elf_get(h + elf_flags_offset(h[EI_CLASS]), 4, h[EI_DATA]);
		const struct target *t = target_for_header(h, n);
		assert_non_null(t);
		struct elf_sample have = {type, h[EI_OSABI], h[EI_ABIVERSION], flags};
		if (!known(t, &have))
			fail_msg(
			    "%s (%s): osabi %u, abiversion %u, type %u, e_flags 0x%08x: not in lib/elf-samples.c",
			    de->d_name, t->name, have.osabi, have.abiversion, type, flags);
		checked++;
	}
	closedir(d);
	assert_true(checked >= 50);
}

/* qbinfmt's entry for each target runs every header its binaries come
 * in, and no other target's usual binaries. */
static void test_samples_builtin_entries_take_every_variant(void **state)
{
	unsigned char head[BINFMT_HEADER_SIZE];
	(void)state;

	for (size_t k = 0; k < target_count; k++) {
		const struct target *t = &targets[k];
		struct binfmt_entry e;
		target_entry(t, "/i", 0, &e);
		assert_true(elf_sample_matches(&e, t));
		for (size_t i = 0; i < ELF_COMMON_VARIANTS; i++) {
			const struct elf_sample *c = &elf_common_variants[i];
			struct elf_sample usual = elf_sample_usual(t, c->type, c->osabi);
			size_t len = elf_sample_header(t, &usual, head);
			if (!entry_match(&e, head, len, "x"))
				fail_msg("%s: its entry rejects its own usual binary", t->name);
			for (size_t j = 0; j < elf_variant_count; j++) {
				if (!elf_variant_of(&elf_variants[j], t))
					continue;
				struct elf_sample s = elf_variant_apply(&elf_variants[j], usual);
				len = elf_sample_header(t, &s, head);
				if (!entry_match(&e, head, len, "x"))
					fail_msg("%s: its entry rejects %s", t->name,
						 elf_variants[j].binaries);
			}
		}
		const struct target *found[4];
		assert_int_equal(targets_matched_by(&e, found, 4), 1);
		assert_ptr_equal(found[0], t);
	}
}

static void test_samples_variants_name_real_targets(void **state)
{
	(void)state;
	for (size_t i = 0; i < elf_variant_count; i++) {
		const char *names = elf_variants[i].targets, *word;
		size_t len;
		assert_true(*names);
		while (name_next(&names, &word, &len)) {
			char name[32];
			assert_true(len < sizeof(name));
			memcpy(name, word, len);
			name[len] = '\0';
			const struct target *t = target_lookup(name);
			if (!t || strcmp(t->name, name) != 0)
				fail_msg("elf_variants[%zu] names '%s', not a qemu target", i,
					 name);
		}
		assert_non_null(elf_variants[i].binaries);
		assert_non_null(elf_variants[i].source);
	}
}

static void test_samples_hppa_is_gnu_only(void **state)
{
	const struct target *hppa = target_lookup("hppa");
	struct binfmt_entry e;
	(void)state;

	target_entry(hppa, "/i", 0, &e);
	e.mask[EI_OSABI] = 0xff; /* OSABI 0 only */
	assert_true(elf_sample_gnu_only(hppa));
	assert_false(elf_sample_matches(&e, hppa));
	assert_false(elf_sample_gnu_only(target_lookup("arm")));
}

static void test_samples_common_variants_of_a_real_header(void **state)
{
	const struct target *t = target_lookup("aarch64");
	struct elf_sample usual = elf_sample_usual(t, ET_EXEC, ELFOSABI_SYSV);
	unsigned char head[BINFMT_HEADER_SIZE];
	size_t len = elf_sample_header(t, &usual, head);
	struct binfmt_entry e;
	(void)state;

	target_entry(t, "/i", 0, &e);
	assert_int_equal(elf_common_variants_matched(head, len, &e), 0xf);
	/* ET_DYN only: bits 2 and 3 (elf_common_variants' order). */
	e.mask[EI_NIDENT] = 0xff;
	e.magic[EI_NIDENT] = ET_DYN;
	assert_int_equal(elf_common_variants_matched(head, len, &e), 0xc);
	/* Too short to hold e_type: nothing. */
	assert_int_equal(elf_common_variants_matched(head, EI_NIDENT + 1, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_samples_know_every_fixture_header),
	    cmocka_unit_test(test_samples_builtin_entries_take_every_variant),
	    cmocka_unit_test(test_samples_variants_name_real_targets),
	    cmocka_unit_test(test_samples_hppa_is_gnu_only),
	    cmocka_unit_test(test_samples_common_variants_of_a_real_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
