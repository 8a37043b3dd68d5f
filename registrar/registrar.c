/* SPDX-License-Identifier: MIT */
#include "registrar.h"
#include "binfmt-dir.h"
#include "report.h"
#include "targets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *registrar_runtime_dir(void)
{
	static char dir[4096];
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (geteuid() != 0 && xdg && xdg[0] == '/' &&
	    snprintf(dir, sizeof(dir), "%s/qbinfmt", xdg) < (int)sizeof(dir))
		return dir;
	return "/run/qbinfmt";
}

void registrar_need_mount(const char *dir)
{
	int r = binfmt_dir_mount(dir);

	if (r == 0)
		return;
	errno = -r;
	die_errno(EXIT_FAILURE_FOUND,
		  "%s is not a binfmt_misc mount and mounting one there failed (as root: mount -t "
		  "binfmt_misc binfmt_misc %s; without root: qbinfmt sandbox)",
		  dir, dir);
}

bool registrar_owns(const char *entry_name)
{
	return strncmp(entry_name, TARGET_ENTRY_PREFIX, strlen(TARGET_ENTRY_PREFIX)) == 0;
}
