/* SPDX-License-Identifier: MIT */
/*
 * What the calls tonistiigi/binfmt's users and docker/setup-qemu-action
 * make mean to qbinfmt (qbinfmt image, the container image's entry
 * point): --install's platforms as targets, --uninstall's emulator names
 * as qbinfmt's entries, and the platforms its JSON calls "supported".
 * Decisions only, from what they are given: cmd-image.c acts and prints.
 */
#ifndef QBINFMT_IMAGE_H
#define QBINFMT_IMAGE_H

#include "entry.h"
#include "failure.h"
#include "host-elf.h"
#include "platform.h"
#include "select.h"
#include "table.h"

#include <stdbool.h>
#include <stddef.h>

/* The most names one comma-separated list may hold. */
#define IMAGE_LIST_MAX 64

/* The longest name of a list, and room for a list's names. */
#define IMAGE_NAME_MAX 63

/*
 * --install's list: "all", or comma-separated platforms and target names
 * (platform_target()).  With "all", *all is set and sel left empty;
 * otherwise sel holds each named target once, in the order named.  0, or
 * -1 with f (usage status) for an empty list or name, or an unknown one.
 */
int image_install_list(const char *list, bool *all, struct selection *sel, struct failure *f);

/* How an --uninstall name came to stand for qbinfmt's entries. */
enum image_name_kind {
	IMAGE_NAME_ENTRY,    /* qbinfmt-TARGET itself */
	IMAGE_NAME_QEMU,     /* qemu-TARGET, tonistiigi/binfmt's name for TARGET */
	IMAGE_NAME_PLATFORM, /* a platform or target name: arm64, linux/arm64, aarch64 */
	IMAGE_NAME_PATTERN,  /* a shell pattern over those names: qemu-*, qbinfmt-arm* */
};

struct image_removal {
	char given[IMAGE_NAME_MAX + 1];
	enum image_name_kind kind;
	/* qbinfmt's entries it stands for: a name stands for one, whether it is
	 * registered or not; a pattern for those in `live` it matches. */
	char entries[IMAGE_LIST_MAX][BINFMT_NAME_MAX + 1];
	size_t entry_count;
	/* Entries of other tools (tonistiigi/binfmt's, a distribution's) the
	 * name or pattern also names, registered here, which stay: their
	 * names, space-separated, or "". */
	char foreign[512];
};

/*
 * --uninstall's list: comma-separated names, each one of the kinds above,
 * against the entries registered (`live`).  Fills out[] (room for
 * IMAGE_LIST_MAX) and returns how many, or -1 with f (usage status) for
 * an empty list or name, or a name that is none of them.
 */
int image_uninstall_list(const char *list, const struct table *live, struct image_removal *out,
			 struct failure *f);

/*
 * tonistiigi/binfmt's "supported", buildkit's notion: the platforms whose
 * programs run here: those the host runs itself first (host_native(): its
 * own target's before the others), then each whose target's usual programs
 * (ET_EXEC and PIE) the kernel hands, by `live`'s newest matching entry,
 * to an interpreter it opened at registration (F: the only ones that run
 * in containers, which cannot see the path of an interpreter elsewhere)
 * and meant for that target, as far as names tell.
 * Stores at most max and returns how many.
 */
size_t image_supported(const struct table *live, const struct host_profile *host,
		       const struct platform **out, size_t max);

#endif
