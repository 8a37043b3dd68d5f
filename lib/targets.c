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

/* aarch64: Debian 13 and Ubuntu 24.04 build with -mbranch-protection=
 * standard, so nearly every function signs and authenticates its return
 * address; qemu 6.0 to 9.2 emulate that with the architected QARMA5
 * cipher, 3 to 6 times slower than with the implementation-defined one,
 * which 10.0 made the default.  Authentication still happens. */
static const struct target_cpu aarch64_cpu[] = {
    {600, 1000, "max,pauth-impdef=on"},
    {0, 0, NULL},
};

/* riscv64: qemu's default CPU has no vector extension before 8.2, which
 * Debian 13's and Ubuntu's RVV code paths need (SIGILL otherwise). */
static const struct target_cpu riscv64_cpu[] = {
    {700, 802, "rv64,v=true,vext_spec=v1.0,vlen=128"},
    {0, 0, NULL},
};

/* What aarch64 guests lose with it: return addresses are not
 * authenticated (a forged pointer is used), HWCAP_PACA and PACG are
 * gone, and ARMv8.3 code using RETAA and the like dies with SIGILL. */
#define AARCH64_FAST "max,pauth=off"

/* e_flags: those of a distribution's default output: the float ABI and
 * EABI version (arm), ISA and ABI bits (mips), the ELF ABI (ppc64), RVC
 * and the float ABI (riscv); lib/elf-samples.c lists the others real
 * binaries carry. */
const struct target targets[] = {
    {"aarch64", "arm", C64, LSB, EM_AARCH64, ABI_ANY, 0, "arm64 aarch64-linux", aarch64_cpu,
     AARCH64_FAST},
    {"aarch64_be", "arm", C64, MSB, EM_AARCH64, ABI_ANY, 0, "arm64be aarch64_be-linux", aarch64_cpu,
     AARCH64_FAST},
    {"alpha", "alpha", C64, LSB, EM_ALPHA, ABI_ANY, 0, "alpha-linux", NULL, NULL},
    {"arm", "arm", C32, LSB, EM_ARM, ABI_ANY, 0x05000400 /* EABI5, hard-float (armhf) */,
     "armhf armel armv8l armv7l armv6l armv5tel arm-linux armv7l-linux armv6l-linux armv5tel-linux",
     NULL, NULL},
    {"armeb", "arm", C32, MSB, EM_ARM, ABI_ANY, 0x05000200 /* EABI5, soft-float, BE32 */,
     "armv7b armeb-linux", NULL, NULL},
    {"cris", "cris", C32, LSB, EM_CRIS, ABI_ANY, 0, "cris-linux", NULL, NULL},
    {"hexagon", "hexagon", C32, LSB, EM_QDSP6, ABI_ANY, 0x00000060 /* V60 */, "hexagon-linux", NULL,
     NULL},
    {"hppa", "hppa", C32, MSB, EM_PARISC, ABI_ANY, 0x00000210 /* PA-RISC 1.1, 32-bit */,
     "parisc parisc64 hppa-linux", NULL, NULL},
    {"i386", "x86", C32, LSB, EM_386, ABI_ANY, 0, "i486 i586 i686 x86 i686-linux", NULL, NULL},
    {"loongarch64", "loongarch", C64, LSB, EM_LOONGARCH, ABI_ANY,
     0x00000043 /* object ABI v1, lp64d */, "loong64 loongarch64-linux", NULL, NULL},
    {"m68k", "m68k", C32, MSB, EM_68K, ABI_ANY, 0, "m68k-linux", NULL, NULL},
    {"microblaze", "microblaze", C32, MSB, EM_MICROBLAZE, ABI_ANY, 0, "microblaze-linux", NULL,
     NULL},
    {"microblazeel", "microblaze", C32, LSB, EM_MICROBLAZE, ABI_ANY, 0, "microblazeel-linux", NULL,
     NULL},
    {"mips", "mips", C32, MSB, EM_MIPS, ABI_MIPS_O32,
     0x70001007 /* MIPS32r2, o32, PIC/CPIC/noreorder */, "mips-linux", NULL, NULL},
    {"mipsel", "mips", C32, LSB, EM_MIPS, ABI_MIPS_O32,
     0x70001007 /* MIPS32r2, o32, PIC/CPIC/noreorder */, "mipsel-linux", NULL, NULL},
    {"mips64", "mips", C64, MSB, EM_MIPS, ABI_ANY, 0x80000007 /* MIPS64r2, n64 */, "mips64-linux",
     NULL, NULL},
    {"mips64el", "mips", C64, LSB, EM_MIPS, ABI_ANY, 0x80000007 /* MIPS64r2, n64 */,
     "mips64el-linux", NULL, NULL},
    {"mipsn32", "mips", C32, MSB, EM_MIPS, ABI_MIPS_N32,
     0x80000027 /* MIPS64r2, n32 (EF_MIPS_ABI2) */, "mipsn32-linux", NULL, NULL},
    {"mipsn32el", "mips", C32, LSB, EM_MIPS, ABI_MIPS_N32,
     0x80000027 /* MIPS64r2, n32 (EF_MIPS_ABI2) */, "mipsn32el-linux", NULL, NULL},
    {"nios2", "nios2", C32, LSB, EM_ALTERA_NIOS2, ABI_ANY, 0, "nios2-linux", NULL, NULL},
    {"or1k", "or1k", C32, MSB, EM_OPENRISC, ABI_ANY, 0, "openrisc or1k-linux", NULL, NULL},
    {"ppc", "ppc", C32, MSB, EM_PPC, ABI_ANY, 0, "powerpc powerpc-linux", NULL, NULL},
    {"ppc64", "ppc", C64, MSB, EM_PPC64, ABI_ANY, 0x00000001 /* ELFv1 */,
     "powerpc64 powerpc64-linux", NULL, NULL},
    {"ppc64le", "ppc", C64, LSB, EM_PPC64, ABI_ANY, 0x00000002 /* ELFv2 */,
     "ppc64el powerpc64le powerpc64le-linux", NULL, NULL},
    {"riscv32", "riscv", C32, LSB, EM_RISCV, ABI_ANY, 0x00000005 /* RVC, ilp32d */, "riscv32-linux",
     NULL, NULL},
    {"riscv64", "riscv", C64, LSB, EM_RISCV, ABI_ANY, 0x00000005 /* RVC, lp64d */, "riscv64-linux",
     riscv64_cpu, NULL},
    {"s390x", "s390", C64, MSB, EM_S390, ABI_ANY, 0, "s390x-linux", NULL, NULL},
    {"sh4", "sh", C32, LSB, EM_SH, ABI_ANY, 0x00000009 /* EF_SH4 */, "sh4-linux", NULL, NULL},
    {"sh4eb", "sh", C32, MSB, EM_SH, ABI_ANY, 0x00000009 /* EF_SH4 */, "sh4eb-linux", NULL, NULL},
    {"sparc", "sparc", C32, MSB, EM_SPARC, ABI_ANY, 0, "sparc-linux", NULL, NULL},
    {"sparc32plus", "sparc", C32, MSB, EM_SPARC32PLUS, ABI_ANY, 0x00000100 /* V8+ */,
     "sparcv8plus sparc32plus-linux", NULL, NULL},
    {"sparc64", "sparc", C64, MSB, EM_SPARCV9, ABI_ANY, 0x00000002 /* TSO */, "sparc64-linux", NULL,
     NULL},
    {"x86_64", "x86", C64, LSB, EM_X86_64, ABI_ANY, 0, "amd64 x64 x86_64-linux", NULL, NULL},
    {"xtensa", "xtensa", C32, LSB, EM_XTENSA, ABI_ANY, 0x00000300, "xtensa-linux", NULL, NULL},
    {"xtensaeb", "xtensa", C32, MSB, EM_XTENSA, ABI_ANY, 0x00000300, "xtensaeb-linux", NULL, NULL},
};

const size_t target_count = sizeof(targets) / sizeof(targets[0]);

const char *target_cpu_model(const struct target *t, int qemu_version)
{
	for (const struct target_cpu *c = t->cpu; c && c->model; c++)
		if (qemu_version >= c->from && qemu_version < c->until)
			return c->model;
	return NULL;
}

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
