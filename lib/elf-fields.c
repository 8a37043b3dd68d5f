/* SPDX-License-Identifier: MIT */
#include "elf-fields.h"

#include <elf.h>
#include <stddef.h>

struct field {
	size_t from, to; /* [from, to) */
	const char *name;
};

/* e_ident, then Elf32_Ehdr / Elf64_Ehdr in order (<elf.h>), each field
 * named as <elf.h> names it. */
#define FIELD(type, member)                                                                        \
	{                                                                                          \
		offsetof(type, member), offsetof(type, member) + sizeof(((type *)0)->member),      \
		    #member                                                                        \
	}
#define HEADER_FIELDS(type)                                                                        \
	FIELD(type, e_type), FIELD(type, e_machine), FIELD(type, e_version), FIELD(type, e_entry), \
	    FIELD(type, e_phoff), FIELD(type, e_shoff), FIELD(type, e_flags),                      \
	    FIELD(type, e_ehsize), FIELD(type, e_phentsize), FIELD(type, e_phnum),                 \
	    FIELD(type, e_shentsize), FIELD(type, e_shnum), FIELD(type, e_shstrndx)

static const struct field ident[] = {
    {0, 4, "the ELF signature"},	  {EI_CLASS, EI_CLASS + 1, "EI_CLASS"},
    {EI_DATA, EI_DATA + 1, "EI_DATA"},	  {EI_VERSION, EI_VERSION + 1, "EI_VERSION"},
    {EI_OSABI, EI_OSABI + 1, "EI_OSABI"}, {EI_ABIVERSION, EI_ABIVERSION + 1, "EI_ABIVERSION"},
    {EI_PAD, EI_NIDENT, "EI_PAD"},
};

static const struct field header32[] = {HEADER_FIELDS(Elf32_Ehdr)};
static const struct field header64[] = {HEADER_FIELDS(Elf64_Ehdr)};

static const char *find(const struct field *fields, size_t n, size_t at)
{
	for (size_t i = 0; i < n; i++)
		if (at >= fields[i].from && at < fields[i].to)
			return fields[i].name;
	return NULL;
}

const char *elf_field_name(size_t at, unsigned elf_class)
{
	const char *name = find(ident, sizeof(ident) / sizeof(ident[0]), at);

	if (name)
		return name;
	name = elf_class == ELFCLASS64 ? find(header64, sizeof(header64) / sizeof(header64[0]), at)
				       : find(header32, sizeof(header32) / sizeof(header32[0]), at);
	return name ? name : "past the ELF header";
}

size_t elf_flags_offset(unsigned elf_class)
{
	return elf_class == ELFCLASS64 ? offsetof(Elf64_Ehdr, e_flags)
				       : offsetof(Elf32_Ehdr, e_flags);
}

uint32_t elf_get(const unsigned char *at, size_t size, unsigned elf_data)
{
	uint32_t value = 0;

	for (size_t i = 0; i < size; i++)
		value = value << 8 | at[elf_data == ELFDATA2MSB ? i : size - 1 - i];
	return value;
}

void elf_put(unsigned char *at, size_t size, unsigned elf_data, uint32_t value)
{
	for (size_t i = 0; i < size; i++)
		at[elf_data == ELFDATA2MSB ? size - 1 - i : i] = (unsigned char)(value >> (8 * i));
}
