/* SPDX-License-Identifier: MIT */
/* What install shares with export, sandbox and podman install: the
 * wiring options (--wiring, -O, -C, -F), install's own options, and the
 * step that registers wired targets. */
#ifndef QBINFMT_CMD_INSTALL_H
#define QBINFMT_CMD_INSTALL_H

#include "commands.h"
#include "wire-targets.h"

enum {
	INSTALL_RUNTIME_DIR = CLI_KEY_BASE,
	INSTALL_HOST = CLI_KEY_BASE + 0x20,
	WIRING_OPTION = CLI_KEY_BASE + 0x40,
	WIRING_CPU,
};

/* --wiring, -O, -C, -F, --cpu: each command that takes them lists these as its
 * shared options and hands their keys to wiring_take_option(). */
extern const struct cli_option wiring_cli_options[];

/* Take one of them: 1 if key was one, 0 if not, -1 after saying why not. */
int wiring_take_option(int key, const char *arg, struct wiring_options *o);

struct install_args {
	bool all, force;
	struct wiring_options wiring;
	const char *host_spec;	  /* --host, or NULL: this machine */
	struct host_profile host; /* --host's, once install_host() read it */
};

void install_args_init(struct install_args *args, enum wiring default_wiring,
		       enum wiring_place place);

/* The global options the wiring needs (--qemu-dir, --launcher-dir), once
 * cli_parse() has taken those given after the command too. */
void wiring_options_globals(struct wiring_options *o, const struct global_options *global);

/* cli_parse()'s take for --all, --force, --runtime-dir, --host and the
 * wiring options. */
int install_take_option(void *context, int key, const char *arg);

/* --host ARCH: the entries are for that host, whose qemu is not here.
 * Dies with usage status on a spec host_parse() refuses; says on stderr,
 * for each selected target of its family, what is assumed of it. */
void install_host(struct install_args *args, const struct selection *sel);

/* Register each wired target in dir (or print its register string with
 * dry_run), setting its row's outcome.  An entry another emulator's
 * enabled entry would be shadowed by, or would shadow, is refused unless
 * force (and then registered after it). */
void install_wired(const char *dir, bool dry_run, bool force, struct wired_target *wired,
		   size_t count);

#endif
