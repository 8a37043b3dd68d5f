/* SPDX-License-Identifier: MIT */
/* Names follow the EM_* / ELFOSABI_* / ET_* constants of <elf.h>,
 * shortened and lowercased. */
#include "elf-names.h"

#include <elf.h>
#include <stddef.h>

struct name {
	unsigned value;
	const char *text;
};

static const struct name machines[] = {
    {EM_NONE, "none"},
    {EM_M32, "m32"},
    {EM_SPARC, "sparc"},
    {EM_386, "i386"},
    {EM_68K, "m68k"},
    {EM_88K, "m88k"},
    {EM_IAMCU, "iamcu"},
    {EM_860, "i860"},
    {EM_MIPS, "mips"},
    {EM_S370, "s370"},
    {EM_MIPS_RS3_LE, "mips-rs3-le"},
    {EM_PARISC, "parisc"},
    {EM_SPARC32PLUS, "sparc32plus"},
    {EM_960, "i960"},
    {EM_PPC, "ppc"},
    {EM_PPC64, "ppc64"},
    {EM_S390, "s390"},
    {EM_SPU, "spu"},
    {EM_V800, "v800"},
    {EM_ARM, "arm"},
    {EM_FAKE_ALPHA, "alpha-old"},
    {EM_SH, "sh"},
    {EM_SPARCV9, "sparcv9"},
    {EM_TRICORE, "tricore"},
    {EM_ARC, "arc"},
    {EM_H8_300, "h8-300"},
    {EM_IA_64, "ia64"},
    {EM_MIPS_X, "mips-x"},
    {EM_COLDFIRE, "coldfire"},
    {EM_68HC12, "m68hc12"},
    {EM_X86_64, "x86-64"},
    {EM_PDP11, "pdp11"},
    {EM_VAX, "vax"},
    {EM_CRIS, "cris"},
    {EM_AVR, "avr"},
    {EM_V850, "v850"},
    {EM_M32R, "m32r"},
    {EM_MN10300, "mn10300"},
    {EM_OPENRISC, "openrisc"},
    {EM_ARC_COMPACT, "arc-compact"},
    {EM_XTENSA, "xtensa"},
    {EM_MSP430, "msp430"},
    {EM_BLACKFIN, "blackfin"},
    {EM_ALTERA_NIOS2, "nios2"},
    {EM_TI_C6000, "c6000"},
    {EM_QDSP6, "hexagon"},
    {EM_AARCH64, "aarch64"},
    {EM_TILEPRO, "tilepro"},
    {EM_MICROBLAZE, "microblaze"},
    {EM_CUDA, "cuda"},
    {EM_TILEGX, "tilegx"},
    {EM_ARCV2, "arcv2"},
    {EM_AMDGPU, "amdgpu"},
    {EM_RISCV, "riscv"},
    {EM_BPF, "bpf"},
    {EM_CSKY, "csky"},
    {EM_LOONGARCH, "loongarch"},
    {EM_ALPHA, "alpha"},
};

static const struct name osabis[] = {
    {ELFOSABI_SYSV, "sysv"},	   {ELFOSABI_HPUX, "hpux"},
    {ELFOSABI_NETBSD, "netbsd"},   {ELFOSABI_GNU, "gnu"},
    {ELFOSABI_SOLARIS, "solaris"}, {ELFOSABI_AIX, "aix"},
    {ELFOSABI_IRIX, "irix"},	   {ELFOSABI_FREEBSD, "freebsd"},
    {ELFOSABI_TRU64, "tru64"},	   {ELFOSABI_MODESTO, "modesto"},
    {ELFOSABI_OPENBSD, "openbsd"}, {ELFOSABI_ARM_AEABI, "arm-aeabi"},
    {ELFOSABI_ARM, "arm"},	   {ELFOSABI_STANDALONE, "standalone"},
};

static const struct name types[] = {
    {ET_NONE, "none"}, {ET_REL, "rel"}, {ET_EXEC, "exec"}, {ET_DYN, "dyn"}, {ET_CORE, "core"},
};

static const char *find(const struct name *names, size_t count, unsigned value)
{
	for (size_t i = 0; i < count; i++)
		if (names[i].value == value)
			return names[i].text;
	return NULL;
}

#define FIND(table, value) find(table, sizeof(table) / sizeof(table[0]), value)

const char *elf_machine_name(uint16_t machine)
{
	return FIND(machines, machine);
}

const char *elf_osabi_name(uint8_t osabi)
{
	return FIND(osabis, osabi);
}

const char *elf_type_name(uint16_t type)
{
	return FIND(types, type);
}
