/* SPDX-License-Identifier: MIT */
#include "target-entry.h"

#include "elf-fields.h"
#include "elf-samples.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

/* Keep the bits of EI_OSABI on which every value real binaries of the
 * target carry agrees: all zero. */
static unsigned char osabi_mask(const struct target *t)
{
	unsigned seen = ELFOSABI_SYSV | ELFOSABI_GNU;

	for (size_t i = 0; i < elf_variant_count; i++)
		if (elf_variants[i].osabi != ELF_SAME && elf_variant_of(&elf_variants[i], t))
			seen |= (unsigned)elf_variants[i].osabi;
	return (unsigned char)~seen;
}

size_t target_magic(const struct target *t, unsigned char *magic, unsigned char *mask)
{
	size_t len = EI_NIDENT + 4; /* through e_machine */

	memset(magic, 0, BINFMT_HEADER_SIZE);
	memset(mask, 0, BINFMT_HEADER_SIZE);
	memcpy(magic, ELFMAG, SELFMAG);
	memset(mask, 0xff, EI_NIDENT);
	magic[EI_CLASS] = t->elf_class;
	magic[EI_DATA] = t->elf_data;
	magic[EI_VERSION] = EV_CURRENT;
	magic[EI_OSABI] = ELFOSABI_SYSV;
	mask[EI_OSABI] = osabi_mask(t);
	mask[EI_ABIVERSION] = 0x00;

	/* e_type: ET_EXEC (2) and ET_DYN (3) differ in the lowest bit only. */
	elf_put(magic + EI_NIDENT, 2, t->elf_data, ET_EXEC);
	elf_put(mask + EI_NIDENT, 2, t->elf_data, 0xfffe);
	elf_put(magic + EI_NIDENT + 2, 2, t->elf_data, t->machine);
	elf_put(mask + EI_NIDENT + 2, 2, t->elf_data, 0xffff);

	if (t->abi == ABI_MIPS_O32 || t->abi == ABI_MIPS_N32) {
		/* EF_MIPS_ABI2 alone of e_flags. */
		size_t flags_at = elf_flags_offset(t->elf_class);
		elf_put(mask + flags_at, 4, t->elf_data, EF_MIPS_ABI2);
		elf_put(magic + flags_at, 4, t->elf_data,
			t->abi == ABI_MIPS_N32 ? EF_MIPS_ABI2 : 0);
		len = flags_at + 4;
	}
	return len;
}

const struct target *target_entry_name(const char *word, char *name, size_t size)
{
	const struct target *t = target_lookup(word);

	snprintf(name, size, "%s%s", t ? TARGET_ENTRY_PREFIX : "", t ? t->name : word);
	return t;
}

void target_entry(const struct target *t, const char *interpreter, unsigned flags,
		  struct binfmt_entry *e)
{
	memset(e, 0, sizeof(*e));
	target_entry_name(t->name, e->name, sizeof(e->name));
	e->type = ENTRY_MAGIC;
	e->enabled = true;
	e->flags = flags;
	e->offset = 0;
	e->size = target_magic(t, e->magic, e->mask);
	e->has_mask = true;
	snprintf(e->interpreter, sizeof(e->interpreter), "%s", interpreter);
}
