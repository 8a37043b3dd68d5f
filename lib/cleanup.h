/* SPDX-License-Identifier: MIT */
/* Scope-bound cleanup for the registrar and elfprobe (bubblewrap, kmod
 * and systemd use the same attribute).  The launcher does not use it. */
#ifndef QBINFMT_CLEANUP_H
#define QBINFMT_CLEANUP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void cleanup_free(void *p)
{
	free(*(void **)p);
}

static inline void cleanup_close(const int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void cleanup_fclose(FILE **f)
{
	if (*f)
		fclose(*f);
}

#define _cleanup_free_	 __attribute__((cleanup(cleanup_free)))
#define _cleanup_close_	 __attribute__((cleanup(cleanup_close)))
#define _cleanup_fclose_ __attribute__((cleanup(cleanup_fclose)))

#endif
