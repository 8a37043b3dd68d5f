/* SPDX-License-Identifier: MIT */
/* Checks of one entry on its own: can it match at all, does an ELF rule
 * admit what ELF executables carry, and the kernel's own warnings. */
#include "lint-internal.h"

#include "emulators.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

static void never_matches(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;

	/* check_file() compares the extension with the text after the last
	 * '.' of the path, which holds no '.': ".exe" can never be equal. */
	if (e->type == ENTRY_EXTENSION && strchr(e->extension, '.'))
		lint_add(
		    r, t, LINT_ERROR, LINT_NEVER_MATCHES, i,
		    "extension \"%.64s\" holds a '.': the kernel compares it with the text after the last '.' of the file name, so it never matches (write it without the dot)",
		    e->extension);
}

/* Does the ELF rule contradict what every ELF file has?  Returns true if
 * it did (and reported it), so the finer ELF checks are skipped. */
static bool contradicts_elf(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;
	static const char *const byte_names[] = {"the signature", "the signature", "the signature",
						 "the signature", "EI_CLASS",	   "EI_DATA",
						 "EI_VERSION"};

	for (size_t at = 0; at < SELFMAG; at++) {
		if (!entry_byte_accepts(e, at, (unsigned char)ELFMAG[at])) {
			unsigned char value;
			unsigned char mask = entry_byte_rule(e, at, &value);
			lint_add(
			    r, t, LINT_ERROR, LINT_CONTRADICTS_ELF, i,
			    "spells ELF but never matches an ELF file: byte %zu (%s) must be 0x%02x under mask 0x%02x, ELF files have 0x%02x",
			    at, byte_names[at], value, mask, (unsigned char)ELFMAG[at]);
			return true;
		}
	}
	if (!entry_byte_accepts(e, EI_CLASS, ELFCLASS32) &&
	    !entry_byte_accepts(e, EI_CLASS, ELFCLASS64)) {
		lint_add(
		    r, t, LINT_ERROR, LINT_CONTRADICTS_ELF, i,
		    "never matches an ELF file: byte 4 (%s) accepts neither ELFCLASS32 (1) nor ELFCLASS64 (2)",
		    byte_names[EI_CLASS]);
		return true;
	}
	if (!entry_byte_accepts(e, EI_DATA, ELFDATA2LSB) &&
	    !entry_byte_accepts(e, EI_DATA, ELFDATA2MSB)) {
		lint_add(
		    r, t, LINT_ERROR, LINT_CONTRADICTS_ELF, i,
		    "never matches an ELF file: byte 5 (%s) accepts neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)",
		    byte_names[EI_DATA]);
		return true;
	}
	if (!entry_byte_accepts(e, EI_VERSION, EV_CURRENT)) {
		lint_add(
		    r, t, LINT_ERROR, LINT_CONTRADICTS_ELF, i,
		    "never matches an ELF file: byte 6 (%s) rejects EV_CURRENT (1), the only version there is",
		    byte_names[EI_VERSION]);
		return true;
	}
	return false;
}

/* Does the rule accept the 16-bit field at `at` (e_type at 16, e_machine
 * at 18) holding `value`, in some byte order it accepts? */
static bool accepts_half(const struct binfmt_entry *e, size_t at, uint16_t value)
{
	static const unsigned char datas[] = {ELFDATA2LSB, ELFDATA2MSB};

	for (size_t d = 0; d < 2; d++) {
		if (!entry_byte_accepts(e, EI_DATA, datas[d]))
			continue;
		unsigned char low = (unsigned char)(value & 0xff),
			      high = (unsigned char)(value >> 8);
		bool msb = datas[d] == ELFDATA2MSB;
		if (entry_byte_accepts(e, at, msb ? high : low) &&
		    entry_byte_accepts(e, at + 1, msb ? low : high))
			return true;
	}
	return false;
}

static void elf_types(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;
	bool exec = accepts_half(e, 16, ET_EXEC), dyn = accepts_half(e, 16, ET_DYN);

	if (!exec && !dyn)
		lint_add(
		    r, t, LINT_ERROR, LINT_NO_EXECUTABLE, i,
		    "e_type (bytes 16-17) accepts neither ET_EXEC (2) nor ET_DYN (3): no executable matches");
	else if (!dyn)
		lint_add(
		    r, t, LINT_ERROR, LINT_REJECTS_PIE, i,
		    "e_type (bytes 16-17) accepts ET_EXEC (2) but not ET_DYN (3): position-independent executables, the default of most distributions, are missed");
	else if (!exec)
		lint_add(
		    r, t, LINT_WARNING, LINT_REJECTS_EXEC, i,
		    "e_type (bytes 16-17) accepts ET_DYN (3) but not ET_EXEC (2): static and non-PIE executables are missed");
}

static void elf_osabi(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;
	unsigned char value;
	unsigned char mask = entry_byte_rule(e, EI_OSABI, &value);
	bool sysv = entry_byte_accepts(e, EI_OSABI, ELFOSABI_SYSV);
	bool gnu = entry_byte_accepts(e, EI_OSABI, ELFOSABI_GNU);

	if (!sysv)
		lint_add(
		    r, t, LINT_ERROR, LINT_REJECTS_SYSV_OSABI, i,
		    "byte 7 (EI_OSABI) must be 0x%02x under mask 0x%02x: it rejects ELFOSABI_SYSV (0), which most Linux binaries carry%s",
		    value, mask, gnu ? "" : ", and ELFOSABI_GNU (3) too");
	else if (!gnu)
		lint_add(
		    r, t, LINT_WARNING, LINT_REJECTS_GNU_OSABI, i,
		    "byte 7 (EI_OSABI) must be 0x%02x under mask 0x%02x: it rejects ELFOSABI_GNU (3), which binaries using GNU extensions (IFUNC, unique symbols) carry, static ones above all",
		    value, mask);
}

static void kernel_warnings(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;
	unsigned warnings = entry_warnings(e);

	if (warnings & WARN_MAGIC_BITS_MASKED) {
		size_t first = 0, count = entry_masked_bits(e, &first);
		lint_add(
		    r, t, LINT_WARNING, LINT_MASKED_BITS, i,
		    "magic has bits set where the mask is 0 (%zu byte%s, first byte %zu: magic 0x%02x, mask 0x%02x): the kernel ignores them, since it tests (byte ^ magic) & mask, so the entry still matches; a different mask may have been meant",
		    count, count == 1 ? "" : "s", (size_t)e->offset + first, e->magic[first],
		    e->mask[first]);
	}
	if (warnings & WARN_BEYOND_OLD_HEADER)
		lint_add(
		    r, t, LINT_WARNING, LINT_OLD_KERNEL, i,
		    "magic reaches byte %zu: kernels before 5.1 read only the first 128 bytes and refuse the entry",
		    (size_t)e->offset + e->size - 1);
	if (warnings & WARN_LONG_INTERPRETER)
		lint_add(
		    r, t, LINT_WARNING, LINT_LONG_INTERPRETER, i,
		    "interpreter path of %zu bytes: older kernels cannot run interpreters of 128 bytes or more",
		    strlen(e->interpreter));
}

/* Without P the kernel puts the file's path where its argv[0] was
 * (load_misc_binary() removes argv[0] unless MISC_FMT_PRESERVE_ARGV0):
 * no interpreter can give the program back the name it was run by. */
static void argv0(const struct table *t, size_t i, struct lint_report *r)
{
	const struct binfmt_entry *e = &t->items[i].entry;
	const struct emulator *emulator = emulator_of(e);
	char who[128] = "";

	if (e->flags & ENTRY_FLAG_PRESERVE_ARGV0)
		return;
	if (emulator)
		snprintf(who, sizeof(who), " (%s)", emulator->name);
	lint_add(
	    r, t, LINT_WARNING, LINT_LOSES_ARGV0, i,
	    "no P flag (preserve-argv0): the kernel hands %.96s%s the file's path in place of its argv[0], so the program never sees the name it was run by (multi-call programs such as busybox, and exec -a, break)",
	    e->interpreter, who);
}

void lint_entries(const struct table *t, struct lint_report *r)
{
	for (size_t i = 0; i < t->count; i++) {
		const struct binfmt_entry *e = &t->items[i].entry;

		if (!e->enabled)
			lint_add(
			    r, t, LINT_INFO, LINT_DISABLED, i,
			    "disabled: matches nothing until enabled (echo 1 > the entry's file)");
		never_matches(t, i, r);
		if (lint_targets_elf(e) && !contradicts_elf(t, i, r)) {
			elf_types(t, i, r);
			elf_osabi(t, i, r);
			argv0(t, i, r);
		}
		kernel_warnings(t, i, r);
	}
}
