/* SPDX-License-Identifier: MIT */
/*
 * containers.conf as podman reads it, for the one key qbinfmt's hook needs:
 * [engine] hooks_dir, the folders podman takes OCI hooks from.  Which
 * files, in which order, and what they make of hooks_dir together, as
 * containers/common v0.50 to v0.62 (podman 4.3 to 5.4) read them:
 *
 *   CONTAINERS_CONF set: that file alone.  Otherwise
 *   /usr/share/containers/containers.conf, /etc/containers/containers.conf,
 *   /etc/containers/containers.conf.d/ *.conf (by name),
 *   ~/.config/containers/containers.conf, its containers.conf.d/ *.conf;
 *   then CONTAINERS_CONF_OVERRIDE (podman 4.5+).
 *
 * Each file that sets hooks_dir replaces the list, or appends to it once
 * any file has said {append=true} in it (podman 4.8+, containers/common's
 * attributedstring: the attribute holds for the files after it too).
 * Before any file: /usr/share/containers/oci/hooks.d.
 */
#ifndef QBINFMT_PODMAN_CONF_H
#define QBINFMT_PODMAN_CONF_H

#include "failure.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* Where podman reads OCI hooks from when no file says otherwise
 * (containers/common's DefaultHooksDirs). */
#define CONF_DEFAULT_HOOKS_DIR "/usr/share/containers/oci/hooks.d"
#define CONF_MAX_HOOKS_DIRS    64

struct podman_version {
	int major, minor;
};

/* "podman version 4.3.1" (podman --version): 0, or -1. */
int podman_version_parse(const char *text, struct podman_version *v);
bool podman_version_at_least(const struct podman_version *v, int major, int minor);

/* Since when a containers.conf array can append ({append=true}). */
#define CONF_APPEND_SINCE_MAJOR 4
#define CONF_APPEND_SINCE_MINOR 8

/* The files and folders podman reads, and qbinfmt's own in them. */
struct conf_places {
	const char *share_conf;	       /* /usr/share/containers/containers.conf */
	const char *etc_conf;	       /* /etc/containers/containers.conf */
	const char *etc_dropins;       /* /etc/containers/containers.conf.d */
	const char *user_conf;	       /* ~/.config/containers/containers.conf */
	const char *user_dropins;      /* ~/.config/containers/containers.conf.d */
	const char *dropin_name;       /* qbinfmt's drop-in there */
	const char *containers_conf;   /* $CONTAINERS_CONF, or NULL */
	const char *override_conf;     /* $CONTAINERS_CONF_OVERRIDE, or NULL */
	const char *hooks_dir;	       /* the folder of qbinfmt's hook */
	struct podman_version version; /* of the podman that reads them */
};

/* What hooks_dir comes to. */
struct conf_hooks {
	char *dirs[CONF_MAX_HOOKS_DIRS];
	size_t count;
	bool append;	       /* the last {append=...} said true */
	char set_by[PATH_MAX]; /* the last file that set it; "" for podman's default */
};
void conf_hooks_free(struct conf_hooks *h);
bool conf_hooks_has(const struct conf_hooks *h, const char *dir);

/* qbinfmt's drop-in as podman would find it: read from its folder, left
 * out, or this text in its place (written or not). */
enum conf_dropin { CONF_DROPIN_AS_IS, CONF_DROPIN_LEFT_OUT, CONF_DROPIN_TEXT };

/* hooks_dir as podman would read it.  0, or -1 with f (status 3) naming
 * the file podman could not read either: FILE:LINE and why. */
int conf_hooks_read(const struct conf_places *places, enum conf_dropin dropin,
		    const char *dropin_text, struct conf_hooks *out, struct failure *f);

/* The drop-in that makes podman read places->hooks_dir as well, into
 * *text (the caller frees it): {append=true} where podman can append,
 * else the folders podman reads without it, then ours.  Checked as podman
 * would read it: -1 with f when podman still would not (CONTAINERS_CONF
 * names a file without it, a file read after the drop-in sets hooks_dir
 * again) or cannot read its files. */
int conf_dropin_plan(const struct conf_places *places, char **text, struct failure *f);

#endif
