/* SPDX-License-Identifier: MIT */
#include "elf-fields.h"

#include <elf.h>
#include <stddef.h>

struct field {
	size_t from, to; /* [from, to) */
	const char *name;
};

/* e_ident, then Elf32_Ehdr / Elf64_Ehdr in order (<elf.h>). */
#define FIELD(type, member, name)                                                                  \
	{                                                                                          \
		offsetof(type, member), offsetof(type, member) + sizeof(((type *)0)->member), name \
	}

static const struct field ident[] = {
    {0, 4, "the ELF signature"},	  {EI_CLASS, EI_CLASS + 1, "EI_CLASS"},
    {EI_DATA, EI_DATA + 1, "EI_DATA"},	  {EI_VERSION, EI_VERSION + 1, "EI_VERSION"},
    {EI_OSABI, EI_OSABI + 1, "EI_OSABI"}, {EI_ABIVERSION, EI_ABIVERSION + 1, "EI_ABIVERSION"},
    {EI_PAD, EI_NIDENT, "EI_PAD"},
};

static const struct field header32[] = {
    FIELD(Elf32_Ehdr, e_type, "e_type"),	   FIELD(Elf32_Ehdr, e_machine, "e_machine"),
    FIELD(Elf32_Ehdr, e_version, "e_version"),	   FIELD(Elf32_Ehdr, e_entry, "e_entry"),
    FIELD(Elf32_Ehdr, e_phoff, "e_phoff"),	   FIELD(Elf32_Ehdr, e_shoff, "e_shoff"),
    FIELD(Elf32_Ehdr, e_flags, "e_flags"),	   FIELD(Elf32_Ehdr, e_ehsize, "e_ehsize"),
    FIELD(Elf32_Ehdr, e_phentsize, "e_phentsize"), FIELD(Elf32_Ehdr, e_phnum, "e_phnum"),
    FIELD(Elf32_Ehdr, e_shentsize, "e_shentsize"), FIELD(Elf32_Ehdr, e_shnum, "e_shnum"),
    FIELD(Elf32_Ehdr, e_shstrndx, "e_shstrndx"),
};

static const struct field header64[] = {
    FIELD(Elf64_Ehdr, e_type, "e_type"),	   FIELD(Elf64_Ehdr, e_machine, "e_machine"),
    FIELD(Elf64_Ehdr, e_version, "e_version"),	   FIELD(Elf64_Ehdr, e_entry, "e_entry"),
    FIELD(Elf64_Ehdr, e_phoff, "e_phoff"),	   FIELD(Elf64_Ehdr, e_shoff, "e_shoff"),
    FIELD(Elf64_Ehdr, e_flags, "e_flags"),	   FIELD(Elf64_Ehdr, e_ehsize, "e_ehsize"),
    FIELD(Elf64_Ehdr, e_phentsize, "e_phentsize"), FIELD(Elf64_Ehdr, e_phnum, "e_phnum"),
    FIELD(Elf64_Ehdr, e_shentsize, "e_shentsize"), FIELD(Elf64_Ehdr, e_shnum, "e_shnum"),
    FIELD(Elf64_Ehdr, e_shstrndx, "e_shstrndx"),
};

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
