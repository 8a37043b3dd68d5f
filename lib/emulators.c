/* SPDX-License-Identifier: MIT */
#include "emulators.h"

#include "launcher-name.h"
#include "targets.h"

#include <stdio.h>
#include <string.h>

/* Names and file names as each project registers them (the sources are
 * in tests/data/emulators/README).  box64 registered as "x86_64" before
 * 2024 and box86 registers as "x86": names other entries may carry, so
 * only its interpreter tells box64 or box86. */
static const struct emulator emulators[] = {
    {"FEX-Emu", "FEX FEXInterpreter", "FEX-x86_64 FEX-x86"},
    {"box64", "box64", "box64 box32"},
    {"box86", "box86", ""},
    {"Rosetta", "rosetta", "rosetta"},
};

/* qemu registered itself, or through qbinfmt's launcher, which runs it. */
static const struct emulator qemu = {"qemu", "", ""};

static bool ends_with(const char *text, const char *suffix)
{
	size_t n = strlen(text), k = strlen(suffix);
	return n >= k && !strcmp(text + n - k, suffix);
}

const struct emulator *emulator_of(const struct binfmt_entry *e)
{
	const char *slash = strrchr(e->interpreter, '/');
	const char *file = slash ? slash + 1 : e->interpreter;
	char target[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;

	if (launcher_name_parse(e->interpreter, target, &cpu))
		return &qemu;
	for (size_t i = 0; i < sizeof(emulators) / sizeof(emulators[0]); i++)
		if (file[0] && name_listed(emulators[i].programs, file))
			return &emulators[i];
	/* qemu-TARGET[-static], and Debian's TARGET-binfmt-P links to it. */
	if (!strncmp(file, "qemu-", 5) || ends_with(file, "-binfmt-P") ||
	    ends_with(file, "-binfmt"))
		return &qemu;
	for (size_t i = 0; i < sizeof(emulators) / sizeof(emulators[0]); i++)
		if (e->name[0] && name_listed(emulators[i].entries, e->name))
			return &emulators[i];
	return NULL;
}

const char *emulator_name(const struct binfmt_entry *e)
{
	const struct emulator *emulator = emulator_of(e);
	return emulator ? emulator->name : "-";
}

const char *emulator_describe(const struct binfmt_entry *e, char *out, size_t size)
{
	const struct emulator *emulator = emulator_of(e);

	if (emulator)
		snprintf(out, size, "%s (%s)", e->name, emulator->name);
	else
		snprintf(out, size, "%s", e->name);
	return out;
}
