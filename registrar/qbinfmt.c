/* SPDX-License-Identifier: MIT */
/* qbinfmt: register qemu-user emulators with binfmt_misc, and inspect them. */
#include "binfmt-dir.h"
#include "commands.h"
#include "report.h"
#include "targets.h"
#include "wiring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	GLOBAL_BINFMT_DIR = CLI_KEY_BASE + 0x80,
	GLOBAL_LAUNCHER_DIR,
	GLOBAL_QEMU_DIR,
	GLOBAL_JSON,
	GLOBAL_NAMESPACE_OF,
};

static const struct cli_option global_options[] = {
    {"binfmt-dir", GLOBAL_BINFMT_DIR, "DIR", "the binfmt_misc mount (" BINFMT_DIR_DEFAULT ")",
     false, NULL},
    {"launcher-dir", GLOBAL_LAUNCHER_DIR, "DIR", "where qemu-TARGET-binfmt-P live", false, NULL},
    {"qemu-dir", GLOBAL_QEMU_DIR, "DIRS", "colon-separated folders holding qemu (" QEMU_DIRS ")",
     false, NULL},
    {"dry-run", 'n', NULL, "print register strings, change nothing", false, NULL},
    {"json", GLOBAL_JSON, NULL, "machine-readable output", false, NULL},
    {"verbose", 'v', NULL, "say more", false, NULL},
    {"namespace-of", GLOBAL_NAMESPACE_OF, "PID",
     "act in the user and mount namespaces of PID (a process of yours)", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

static int take_global(void *globals, int key, const char *arg)
{
	struct global_options *global = globals;

	switch (key) {
	case GLOBAL_BINFMT_DIR:
		global->binfmt_dir = arg;
		return 0;
	case GLOBAL_LAUNCHER_DIR:
		global->launcher_dir = arg;
		return 0;
	case GLOBAL_QEMU_DIR:
		if (!arg[0]) {
			warn("--qemu-dir: empty folder list");
			return -1;
		}
		global->qemu_dirs = arg;
		return 0;
	case 'n':
		global->dry_run = true;
		return 0;
	case GLOBAL_JSON:
		global->json = true;
		return 0;
	case 'v':
		global->verbose++;
		return 0;
	case GLOBAL_NAMESPACE_OF: {
		char *end;
		long pid = strtol(arg, &end, 10);
		if (!arg[0] || *end || pid <= 0 || pid > 0x3fffffff) {
			warn("--namespace-of: '%s' is not a process id", arg);
			return -1;
		}
		global->namespace_of = (pid_t)pid;
		return 0;
	}
	}
	return cli_option_bug(key);
}

static const struct cli_command *const commands[] = {
    &list_command,
    &status_command,
    &install_command,
    &remove_command,
    &enable_command,
    &disable_command,
    &export_command,
    &import_command,
    &find_command,
    &doctor_command,
    &sandbox_command,
    &podman_command,
    &image_command, /* the container image's entry point */
    NULL,
};

/* Completion of TARGET: every name and alias of the table. */
static void complete_targets(FILE *out)
{
	for (size_t i = 0; i < target_count; i++) {
		fprintf(out, "%s\n", targets[i].name);
		const char *aliases = targets[i].aliases, *alias;
		size_t len;
		while (name_next(&aliases, &alias, &len))
			fprintf(out, "%.*s\n", (int)len, alias);
	}
}

static struct global_options global = {
    .qemu_dirs = QEMU_DIRS,
    .binfmt_dir = BINFMT_DIR_DEFAULT,
};

static const struct cli_program qbinfmt = {
    .name = "qbinfmt",
    .operands = "COMMAND [ARGS...]",
    .summary = "Run foreign-architecture Linux binaries through binfmt_misc and qemu-user",
    .global_options = global_options,
    .globals = &global,
    .take_global = take_global,
    .commands = commands,
    .complete_targets = complete_targets,
    .footer = "Exit status: 0 ok, 1 failed, 2 usage, 3 unreadable input.  See qbinfmt(8).\n",
};

int main(int argc, char **argv)
{
	global.launcher_dir = wiring_default_launcher_dir();
	global.command_line = argv;
	return cli_main(&qbinfmt, argc, argv);
}
