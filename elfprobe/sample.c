/* SPDX-License-Identifier: MIT */
#include "sample.h"

#include <elf.h>
#include <string.h>

static void put(unsigned char *at, size_t size, uint8_t data, uint32_t value)
{
	for (size_t i = 0; i < size; i++) {
		size_t byte = data == ELFDATA2MSB ? size - 1 - i : i;
		at[byte] = (unsigned char)(value >> (8 * i));
	}
}

size_t sample_header(const struct target *t, uint16_t type, uint8_t osabi, unsigned char *head)
{
	bool is64 = t->elf_class == ELFCLASS64;
	/* e_flags follows e_entry, e_phoff, e_shoff: 4 or 8 bytes each. */
	size_t flags_at = is64 ? 48 : 36;
	uint32_t flags = t->abi == ABI_MIPS_N32 ? EF_MIPS_ABI2 : 0;

	memset(head, 0, BINFMT_HEADER_SIZE);
	memcpy(head, ELFMAG, SELFMAG);
	head[EI_CLASS] = t->elf_class;
	head[EI_DATA] = t->elf_data;
	head[EI_VERSION] = EV_CURRENT;
	head[EI_OSABI] = osabi;
	put(head + 16, 2, t->elf_data, type);
	put(head + 18, 2, t->elf_data, t->machine);
	put(head + 20, 4, t->elf_data, EV_CURRENT);
	put(head + flags_at, 4, t->elf_data, flags);
	return is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

bool sample_matches(const struct binfmt_entry *e, const struct target *t)
{
	static const uint16_t types[] = {ET_EXEC, ET_DYN};
	static const uint8_t osabis[] = {ELFOSABI_SYSV, ELFOSABI_GNU};
	unsigned char head[BINFMT_HEADER_SIZE];

	for (size_t i = 0; i < 2; i++) {
		for (size_t j = 0; j < 2; j++) {
			size_t len = sample_header(t, types[i], osabis[j], head);
			if (entry_match(e, head, len, "sample"))
				return true;
		}
	}
	return false;
}
