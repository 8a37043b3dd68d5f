/* SPDX-License-Identifier: MIT */
/* The table of qemu linux-user targets.  Each row is the ELF identity a
 * binary of that target carries; qemu's own linux-user/<arch>/target_elf.h
 * and elf_check_arch() accept the same e_machine values. */
#include "targets.h"

#include "elf-fields.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

#define LSB ELFDATA2LSB
#define MSB ELFDATA2MSB
#define C32 ELFCLASS32
#define C64 ELFCLASS64

/* e_flags: those of a distribution's default output: the float ABI and
 * EABI version (arm), ISA and ABI bits (mips), the ELF ABI (ppc64), RVC
 * and the float ABI (riscv); lib/elf-samples.c lists the others real
 * binaries carry. */
const struct target targets[] = {
    {"aarch64", "arm", C64, LSB, EM_AARCH64, ABI_ANY, 0, "arm64 aarch64-linux"},
    {"aarch64_be", "arm", C64, MSB, EM_AARCH64, ABI_ANY, 0, "arm64be aarch64_be-linux"},
    {"alpha", "alpha", C64, LSB, EM_ALPHA, ABI_ANY, 0, "alpha-linux"},
    {"arm", "arm", C32, LSB, EM_ARM, ABI_ANY, 0x05000400 /* EABI5, hard-float (armhf) */,
     "armhf armel armv8l armv7l armv6l armv5tel arm-linux armv7l-linux armv6l-linux armv5tel-linux"},
    {"armeb", "arm", C32, MSB, EM_ARM, ABI_ANY, 0x05000200 /* EABI5, soft-float, BE32 */,
     "armv7b armeb-linux"},
    {"cris", "cris", C32, LSB, EM_CRIS, ABI_ANY, 0, "cris-linux"},
    {"hexagon", "hexagon", C32, LSB, EM_QDSP6, ABI_ANY, 0x00000060 /* V60 */, "hexagon-linux"},
    {"hppa", "hppa", C32, MSB, EM_PARISC, ABI_ANY, 0x00000210 /* PA-RISC 1.1, 32-bit */,
     "parisc parisc64 hppa-linux"},
    {"i386", "x86", C32, LSB, EM_386, ABI_ANY, 0, "i486 i586 i686 x86 i686-linux"},
    {"loongarch64", "loongarch", C64, LSB, EM_LOONGARCH, ABI_ANY,
     0x00000043 /* object ABI v1, lp64d */, "loong64 loongarch64-linux"},
    {"m68k", "m68k", C32, MSB, EM_68K, ABI_ANY, 0, "m68k-linux"},
    {"microblaze", "microblaze", C32, MSB, EM_MICROBLAZE, ABI_ANY, 0, "microblaze-linux"},
    {"microblazeel", "microblaze", C32, LSB, EM_MICROBLAZE, ABI_ANY, 0, "microblazeel-linux"},
    {"mips", "mips", C32, MSB, EM_MIPS, ABI_MIPS_O32,
     0x70001007 /* MIPS32r2, o32, PIC/CPIC/noreorder */, "mips-linux"},
    {"mipsel", "mips", C32, LSB, EM_MIPS, ABI_MIPS_O32,
     0x70001007 /* MIPS32r2, o32, PIC/CPIC/noreorder */, "mipsel-linux"},
    {"mips64", "mips", C64, MSB, EM_MIPS, ABI_ANY, 0x80000007 /* MIPS64r2, n64 */, "mips64-linux"},
    {"mips64el", "mips", C64, LSB, EM_MIPS, ABI_ANY, 0x80000007 /* MIPS64r2, n64 */,
     "mips64el-linux"},
    {"mipsn32", "mips", C32, MSB, EM_MIPS, ABI_MIPS_N32,
     0x80000027 /* MIPS64r2, n32 (EF_MIPS_ABI2) */, "mipsn32-linux"},
    {"mipsn32el", "mips", C32, LSB, EM_MIPS, ABI_MIPS_N32,
     0x80000027 /* MIPS64r2, n32 (EF_MIPS_ABI2) */, "mipsn32el-linux"},
    {"nios2", "nios2", C32, LSB, EM_ALTERA_NIOS2, ABI_ANY, 0, "nios2-linux"},
    {"or1k", "or1k", C32, MSB, EM_OPENRISC, ABI_ANY, 0, "openrisc or1k-linux"},
    {"ppc", "ppc", C32, MSB, EM_PPC, ABI_ANY, 0, "powerpc powerpc-linux"},
    {"ppc64", "ppc", C64, MSB, EM_PPC64, ABI_ANY, 0x00000001 /* ELFv1 */,
     "powerpc64 powerpc64-linux"},
    {"ppc64le", "ppc", C64, LSB, EM_PPC64, ABI_ANY, 0x00000002 /* ELFv2 */,
     "ppc64el powerpc64le powerpc64le-linux"},
    {"riscv32", "riscv", C32, LSB, EM_RISCV, ABI_ANY, 0x00000005 /* RVC, ilp32d */,
     "riscv32-linux"},
    {"riscv64", "riscv", C64, LSB, EM_RISCV, ABI_ANY, 0x00000005 /* RVC, lp64d */, "riscv64-linux"},
    {"s390x", "s390", C64, MSB, EM_S390, ABI_ANY, 0, "s390x-linux"},
    {"sh4", "sh", C32, LSB, EM_SH, ABI_ANY, 0x00000009 /* EF_SH4 */, "sh4-linux"},
    {"sh4eb", "sh", C32, MSB, EM_SH, ABI_ANY, 0x00000009 /* EF_SH4 */, "sh4eb-linux"},
    {"sparc", "sparc", C32, MSB, EM_SPARC, ABI_ANY, 0, "sparc-linux"},
    {"sparc32plus", "sparc", C32, MSB, EM_SPARC32PLUS, ABI_ANY, 0x00000100 /* V8+ */,
     "sparcv8plus sparc32plus-linux"},
    {"sparc64", "sparc", C64, MSB, EM_SPARCV9, ABI_ANY, 0x00000002 /* TSO */, "sparc64-linux"},
    {"x86_64", "x86", C64, LSB, EM_X86_64, ABI_ANY, 0, "amd64 x64 x86_64-linux"},
    {"xtensa", "xtensa", C32, LSB, EM_XTENSA, ABI_ANY, 0x00000300, "xtensa-linux"},
    {"xtensaeb", "xtensa", C32, MSB, EM_XTENSA, ABI_ANY, 0x00000300, "xtensaeb-linux"},
};

const size_t target_count = sizeof(targets) / sizeof(targets[0]);

bool name_next(const char **names, const char **word, size_t *len)
{
	const char *p = *names + strspn(*names, " ");

	if (!*p)
		return false;
	*word = p;
	*len = strcspn(p, " ");
	*names = p + *len;
	return true;
}

bool name_listed(const char *names, const char *name)
{
	size_t n = strlen(name), len;
	const char *word;

	while (name_next(&names, &word, &len))
		if (len == n && memcmp(word, name, n) == 0)
			return true;
	return false;
}

const struct target *target_lookup(const char *name)
{
	if (!name || !*name)
		return NULL;
	for (size_t i = 0; i < target_count; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	for (size_t i = 0; i < target_count; i++)
		if (name_listed(targets[i].aliases, name))
			return &targets[i];
	return NULL;
}

static bool abi_fits(enum target_abi abi, uint32_t flags)
{
	switch (abi) {
	case ABI_ANY:
		return true;
	case ABI_MIPS_O32:
		return !(flags & EF_MIPS_ABI2);
	case ABI_MIPS_N32:
		return flags & EF_MIPS_ABI2;
	}
	return false;
}

const struct target *target_for_elf(uint8_t elf_class, uint8_t elf_data, uint16_t machine,
				    uint32_t flags)
{
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		if (t->elf_class == elf_class && t->elf_data == elf_data && t->machine == machine &&
		    abi_fits(t->abi, flags))
			return t;
	}
	return NULL;
}

const struct target *target_for_header(const unsigned char *head, size_t len)
{
	if (len < EI_NIDENT + 4 || memcmp(head, ELFMAG, SELFMAG) != 0)
		return NULL;

	uint8_t elf_class = head[EI_CLASS], elf_data = head[EI_DATA];
	uint16_t machine = (uint16_t)elf_get(head + EI_NIDENT + 2, 2, elf_data);
	size_t flags_at = elf_flags_offset(elf_class);
	bool have_flags = len >= flags_at + 4;
	const struct target *t = target_for_elf(
	    elf_class, elf_data, machine, have_flags ? elf_get(head + flags_at, 4, elf_data) : 0);

	return t && (have_flags || t->abi == ABI_ANY) ? t : NULL;
}

bool target_in_family(const struct target *t, const char *family)
{
	return family && strcmp(t->family, family) == 0;
}
