/* SPDX-License-Identifier: MIT */
/* qbinfmt's commands, one file each (cmd-*.c), and the options every
 * command takes, parsed once for all of them (qbinfmt.c). */
#ifndef QBINFMT_COMMANDS_H
#define QBINFMT_COMMANDS_H

#include "command.h"

#include <stdbool.h>
#include <sys/types.h>

struct global_options {
	bool json;
	bool dry_run;
	int verbose;
	const char *qemu_dirs;	  /* colon-separated */
	const char *binfmt_dir;	  /* the binfmt_misc mount */
	const char *launcher_dir; /* holds qemu-TARGET-binfmt-P */
	pid_t namespace_of;	  /* act in this process's user and mount namespaces; 0: here */
};

extern struct global_options global;

extern const struct cli_command list_command, status_command, install_command, remove_command,
    enable_command, disable_command, export_command, import_command, find_command, sandbox_command;

#endif
