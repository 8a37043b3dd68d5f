/* SPDX-License-Identifier: MIT */
/*
 * What real binaries of each target carry in the header bytes entries
 * test.  The values were read from the binutils and glibc sources named
 * with each and checked on binaries of Debian 12's cross toolchains and
 * packages (doc/design.md, "Real headers", says how).
 */
#include "elf-samples.h"

#include "elf-fields.h"

#include <elf.h>
#include <string.h>

const struct elf_sample elf_common_variants[ELF_COMMON_VARIANTS] = {
    {ET_EXEC, ELFOSABI_SYSV, 0, 0},
    {ET_EXEC, ELFOSABI_GNU, 0, 0},
    {ET_DYN, ELFOSABI_SYSV, 0, 0},
    {ET_DYN, ELFOSABI_GNU, 0, 0},
};

bool elf_sample_gnu_only(const struct target *t)
{
	/* bfd's hppa-linux vector has ELF_OSABI ELFOSABI_GNU: every file it
	 * writes, crt1.o to libc.so.6, has 3 (bfd/elf32-hppa.c). */
	return t->machine == EM_PARISC;
}

struct elf_sample elf_sample_usual(const struct target *t, uint16_t type, uint8_t osabi)
{
	return (struct elf_sample){type, osabi, 0, t->flags};
}

size_t elf_sample_header(const struct target *t, const struct elf_sample *s, unsigned char *head)
{
	memset(head, 0, BINFMT_HEADER_SIZE);
	memcpy(head, ELFMAG, SELFMAG);
	head[EI_CLASS] = t->elf_class;
	head[EI_DATA] = t->elf_data;
	head[EI_VERSION] = EV_CURRENT;
	head[EI_OSABI] = s->osabi;
	head[EI_ABIVERSION] = s->abiversion;
	elf_put(head + EI_NIDENT, 2, t->elf_data, s->type);
	elf_put(head + EI_NIDENT + 2, 2, t->elf_data, t->machine);
	elf_put(head + EI_NIDENT + 4, 4, t->elf_data, EV_CURRENT);
	elf_put(head + elf_flags_offset(t->elf_class), 4, t->elf_data, s->flags);
	return t->elf_class == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

bool elf_sample_matches(const struct binfmt_entry *e, const struct target *t)
{
	unsigned char head[BINFMT_HEADER_SIZE];

	for (size_t i = 0; i < ELF_COMMON_VARIANTS; i++) {
		const struct elf_sample *v = &elf_common_variants[i];
		if (elf_sample_gnu_only(t) && v->osabi != ELFOSABI_GNU)
			continue;
		struct elf_sample s = elf_sample_usual(t, v->type, v->osabi);
		size_t len = elf_sample_header(t, &s, head);
		if (entry_match(e, head, len, "sample"))
			return true;
	}
	return false;
}

size_t targets_matched_by(const struct binfmt_entry *e, const struct target **out, size_t max)
{
	struct binfmt_entry probe = *e;
	size_t n = 0;

	/* What it would run once enabled. */
	probe.enabled = true;
	for (size_t i = 0; i < target_count; i++) {
		if (!elf_sample_matches(&probe, &targets[i]))
			continue;
		if (n < max)
			out[n] = &targets[i];
		n++;
	}
	return n;
}

unsigned elf_common_variants_matched(const unsigned char *header, size_t len,
				     const struct binfmt_entry *e)
{
	unsigned char probe[BINFMT_HEADER_SIZE];
	unsigned matched = 0;

	if (e->type != ENTRY_MAGIC || len < EI_NIDENT + 2)
		return 0;
	if (len > sizeof(probe))
		len = sizeof(probe);
	for (size_t i = 0; i < ELF_COMMON_VARIANTS; i++) {
		memcpy(probe, header, len);
		probe[EI_OSABI] = elf_common_variants[i].osabi;
		elf_put(probe + EI_NIDENT, 2, header[EI_DATA], elf_common_variants[i].type);
		if (entry_match(e, probe, len, "sample"))
			matched |= 1u << i;
	}
	return matched;
}

#define MIPS_ALL "mips mipsel mips64 mips64el mipsn32 mipsn32el"
#define MIPS_ABIVERSION                                                                            \
	"bfd/elfxx-mips.c _bfd_mips_init_file_header; glibc "                                      \
	"sysdeps/unix/sysv/linux/mips/libc-abis"
#define OBSERVED "seen in binaries of Debian 12's cross toolchains"

/* EI_OSABI 0 and 3 on every target are elf_common_variants; these are
 * the others.  Fields two rows share come together in real files. */
const struct elf_variant elf_variants[] = {
    /* ARM: the float ABI and EABI version are in e_flags; qemu-arm runs
     * the old ABI and FDPIC too (linux-user/elfload.c, elf_is_fdpic). */
    {"arm", ELF_SAME, ELF_SAME, 0, 0x05000200, ELF_REACH_DEFAULT,
     "EABI5 soft-float binaries (Debian armel, -mfloat-abi=soft or softfp)", OBSERVED},
    {"arm", ELF_SAME, ELF_SAME, 0, 0x05000002, ELF_REACH_COMMON,
     "Go binaries (its linker writes no float-ABI flag)", "Debian 12's shfmt for armel"},
    {"arm", ELF_SAME, ELF_SAME, 0, 0x04000000, ELF_REACH_RARE,
     "EABI version 4 binaries (older toolchains)", "bfd/elf32-arm.c"},
    {"arm armeb", 97, ELF_SAME, 0, 0x00000600, ELF_REACH_RARE,
     "old-ABI (OABI) binaries: ld writes ELFOSABI_ARM when the EABI version is unknown",
     "bfd/elf32-arm.c elf32_arm_init_file_header; gold/arm.cc do_adjust_elf_header"},
    {"arm armeb", 65, ELF_SAME, 0, ELF_SAME, ELF_REACH_RARE,
     "FDPIC binaries (ELFOSABI_ARM_FDPIC), which qemu-arm loads",
     "bfd/elf32-arm.c elf32_arm_init_file_header (fdpic_p)"},
    {"armeb", ELF_SAME, ELF_SAME, 0, 0x05800200, ELF_REACH_COMMON,
     "BE8 binaries (ARMv6 and later big-endian, ld --be8)", "bfd/elf32-arm.c (EF_ARM_BE8)"},

    /* MIPS: EI_ABIVERSION takes 0, 1, 3, 4 and 5; glibc's loader accepts
     * all of them (VALID_ELF_ABIVERSION), the kernel and qemu ignore it. */
    {"mips mipsel", ELF_SAME, 1, ET_EXEC, 0x70001005, ELF_REACH_COMMON,
     "non-PIC executables using PLTs and copy relocations (-fno-pie -no-pie -mplt, the default of GCC built --with-mips-plt; -mno-abicalls -static; Go; lld)",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_MIPS_PLT); ld/emultempl/mipself.em"},
    {"mipsn32 mipsn32el", ELF_SAME, 1, ET_EXEC, 0x80000025, ELF_REACH_COMMON,
     "non-PIE and static n32 executables (the default of GCC built --with-mips-plt, as Debian's is)",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_MIPS_PLT); ld/emultempl/mipself.em"},
    {"mips64 mips64el", ELF_SAME, 1, ET_EXEC, 0x80000005, ELF_REACH_COMMON,
     "non-PIC executables (-mno-abicalls -static; -msym32 -mplt; Go: Debian 12's fzf)",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_MIPS_PLT)"},
    {"mips mipsel", ELF_SAME, 3, 0, ELF_SAME, ELF_REACH_COMMON,
     "o32 binaries of the FP64 float ABI: all MIPS32r6 code (Debian's mipsisa32r6 and mipsisa32r6el toolchains and libraries) and -mfp64",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_MIPS_O32_FP64)"},
    {"mips mipsel", ELF_SAME, 3, 0, 0x90001407, ELF_REACH_COMMON,
     "MIPS32r6 binaries (Debian's mipsisa32r6 and mipsisa32r6el toolchains and libraries)",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_MIPS_O32_FP64)"},
    {MIPS_ALL, ELF_SAME, 4, 0, ELF_SAME, ELF_REACH_RARE,
     "PIC objects that load a hidden undefined weak symbol through the GOT",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_ABSOLUTE)"},
    {MIPS_ALL, ELF_SAME, 5, 0, ELF_SAME, ELF_REACH_COMMON,
     "binaries linked with --hash-style=gnu (.MIPS.xhash)",
     MIPS_ABIVERSION " (MIPS_LIBC_ABI_XHASH)"},
    {"mips mipsel", ELF_SAME, ELF_SAME, ET_EXEC, 0x50001004, ELF_REACH_COMMON,
     "Go binaries (MIPS32, CPIC)", OBSERVED},
    {"mips mipsel", ELF_SAME, ELF_SAME, 0, 0x70001407, ELF_REACH_COMMON,
     "NaN2008 binaries (-mnan=2008)", OBSERVED},
    {"mips mipsel", ELF_SAME, ELF_SAME, 0, 0x74001006, ELF_REACH_RARE, "MIPS16 binaries", OBSERVED},
    {"mips mipsel", ELF_SAME, ELF_SAME, 0, 0x72001007, ELF_REACH_RARE, "microMIPS binaries",
     OBSERVED},
    {"mips mipsel", ELF_SAME, ELF_SAME, 0, 0x00001007, ELF_REACH_RARE,
     "MIPS I binaries (-march=mips1)", OBSERVED},
    {"mips64 mips64el", ELF_SAME, ELF_SAME, ET_EXEC, 0x20000004, ELF_REACH_COMMON,
     "Go binaries (MIPS III, CPIC)", "Debian 12's fzf for mips64el"},
    {"mips64 mips64el", ELF_SAME, ELF_SAME, 0, 0xa0000407, ELF_REACH_COMMON,
     "MIPS64r6 binaries (Debian's mipsisa64r6el toolchain)", OBSERVED},
    {"mips64", ELF_SAME, ELF_SAME, 0, 0x808e0007, ELF_REACH_RARE,
     "Octeon binaries (-march=octeon3)", OBSERVED},
    {"mips64el", ELF_SAME, ELF_SAME, 0, 0x80a20007, ELF_REACH_RARE,
     "Loongson-3 binaries (-march=loongson3a)", OBSERVED},
    {"mipsn32 mipsn32el", ELF_SAME, ELF_SAME, 0, 0xa0000427, ELF_REACH_RARE,
     "MIPS64r6 n32 binaries", OBSERVED},

    /* PowerPC: the ELF ABI version is in e_flags (qemu picks by it). */
    {"ppc64", ELF_SAME, ELF_SAME, 0, 0x00000002, ELF_REACH_COMMON,
     "big-endian ELFv2 binaries (-mabi=elfv2; musl's ppc64)", "bfd/elf64-ppc.c"},
    {"ppc64", ELF_SAME, ELF_SAME, 0, 0x00000000, ELF_REACH_RARE,
     "binaries with no ABI version in e_flags (older toolchains)", "bfd/elf64-ppc.c"},
    {"ppc", ELF_SAME, ELF_SAME, 0, 0x00008000, ELF_REACH_COMMON,
     "PIE binaries, the default of Debian's powerpc compiler (EF_PPC_RELOCATABLE_LIB: every input -fPIC or -fPIE)",
     "bfd/elf32-ppc.c; " OBSERVED},

    /* RISC-V: RVC and the float ABI. */
    {"riscv64", ELF_SAME, ELF_SAME, 0, 0x00000004, ELF_REACH_COMMON,
     "Go binaries (no RVC flag; Debian 12's shfmt and fzf)", OBSERVED},
    {"riscv64", ELF_SAME, ELF_SAME, 0, 0x00000001, ELF_REACH_RARE, "soft-float lp64 binaries",
     OBSERVED},
    {"riscv64", ELF_SAME, ELF_SAME, 0, 0x00000003, ELF_REACH_RARE, "single-float lp64f binaries",
     OBSERVED},
    {"riscv64", ELF_SAME, ELF_SAME, 0, 0x00000015, ELF_REACH_RARE, "RVTSO binaries (_ztso)",
     OBSERVED},
    {"riscv32", ELF_SAME, ELF_SAME, 0, 0x00000001, ELF_REACH_RARE, "soft-float ilp32 binaries",
     OBSERVED},

    /* SPARC */
    {"sparc64", ELF_SAME, ELF_SAME, 0, 0x00000202, ELF_REACH_COMMON,
     "static executables and libc.so.6 (UltraSPARC I extensions)", OBSERVED},
    {"sparc32plus", ELF_SAME, ELF_SAME, 0, 0x00000300, ELF_REACH_COMMON,
     "binaries with UltraSPARC I extensions (Debian's 32-bit libc.so.6)", OBSERVED},

    /* SuperH: the machine field varies among Debian's own sh4 files. */
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000002, ELF_REACH_RARE, "binaries marked SH2 (EF_SH2)",
     OBSERVED},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000017, ELF_REACH_COMMON,
     "static executables (SH2A and SH4 merged)", OBSERVED},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000016, ELF_REACH_COMMON, "Debian's sh4 libraries",
     OBSERVED},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000018, ELF_REACH_COMMON, "Debian's sh4 ld-linux.so.2",
     OBSERVED},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x0000000c, ELF_REACH_RARE, "SH4A binaries (-m4a)",
     OBSERVED},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000010, ELF_REACH_RARE,
     "FPU-less SH4 binaries (-m4-nofpu)", "bfd/elf32-sh.c (EF_SH4_NOFPU)"},
    {"sh4 sh4eb", ELF_SAME, ELF_SAME, 0, 0x00000011, ELF_REACH_RARE,
     "FPU-less SH4A binaries (-m4a-nofpu)", OBSERVED},

    /* m68k: the CPU model, which qemu picks by. */
    {"m68k", ELF_SAME, ELF_SAME, 0, 0x00008065, ELF_REACH_RARE, "ColdFire V4e binaries", OBSERVED},
    {"m68k", ELF_SAME, ELF_SAME, 0, 0x00000001, ELF_REACH_RARE, "ColdFire ISA A binaries",
     OBSERVED},
    {"m68k", ELF_SAME, ELF_SAME, 0, 0x01000000, ELF_REACH_RARE, "68000 binaries", OBSERVED},
    {"m68k", ELF_SAME, ELF_SAME, 0, 0x00810000, ELF_REACH_RARE, "CPU32 binaries", OBSERVED},

    /* Others */
    {"loongarch64", ELF_SAME, ELF_SAME, 0, 0x00000003, ELF_REACH_RARE,
     "object ABI v0 binaries (binutils 2.38 and 2.39)", "bfd/elfnn-loongarch.c"},
    {"hexagon", ELF_SAME, ELF_SAME, 0, 0x00000067, ELF_REACH_COMMON, "Hexagon V67 binaries",
     OBSERVED},
    {"hexagon", ELF_SAME, ELF_SAME, 0, 0x00000068, ELF_REACH_COMMON, "Hexagon V68 binaries",
     OBSERVED},
    {"hexagon", ELF_SAME, ELF_SAME, 0, 0x00000073, ELF_REACH_RARE, "Hexagon V73 binaries",
     "bfd/elf32-hexagon.c"},
    {"cris", ELF_SAME, ELF_SAME, 0, 0x00000002, ELF_REACH_COMMON, "CRIS v32 binaries",
     "bfd/elf32-cris.c"},
    {"or1k", ELF_SAME, ELF_SAME, 0, 0x00000001, ELF_REACH_RARE,
     "no-delay-slot binaries (-mno-delay)", "bfd/elf32-or1k.c"},
    {"xtensa xtensaeb", 65, ELF_SAME, 0, ELF_SAME, ELF_REACH_RARE,
     "FDPIC binaries, which qemu-xtensa loads", "qemu linux-user/elfload.c"},
};

const size_t elf_variant_count = sizeof(elf_variants) / sizeof(elf_variants[0]);

bool elf_variant_of(const struct elf_variant *v, const struct target *t)
{
	return name_listed(v->targets, t->name);
}

struct elf_sample elf_variant_apply(const struct elf_variant *v, struct elf_sample s)
{
	if (v->type)
		s.type = v->type;
	if (v->osabi != ELF_SAME)
		s.osabi = (uint8_t)v->osabi;
	if (v->abiversion != ELF_SAME)
		s.abiversion = (uint8_t)v->abiversion;
	if (v->flags != ELF_SAME)
		s.flags = (uint32_t)v->flags;
	return s;
}
