/* SPDX-License-Identifier: MIT */
/* What install shares with export and podman install: their options and
 * the step that registers wired targets. */
#ifndef QBINFMT_CMD_INSTALL_H
#define QBINFMT_CMD_INSTALL_H

#include "commands.h"
#include "wire-targets.h"

enum { INSTALL_RUNTIME_DIR = CLI_KEY_BASE };

struct install_args {
	bool all, force;
	struct wiring_options wiring;
};

void install_args_init(struct install_args *args, enum wiring default_wiring,
		       enum wiring_place place);

/* cli_parse()'s take for --all, --force, --runtime-dir and the wiring
 * options. */
int install_take_option(void *context, int key, const char *arg);

/* Register each wired target in dir (or print its register string with
 * --dry-run), setting its row's outcome. */
int install_wired(const char *dir, struct wired_target *wired, size_t count);

#endif
