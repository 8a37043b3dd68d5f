/* SPDX-License-Identifier: MIT */
#include "image-binfmt.h"

#include "binfmt-dir.h"
#include "kernel.h"
#include "namespace.h"

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* CAP_SYS_ADMIN in this process's effective set: what mounting needs,
 * and what a container run without --privileged lacks. */
static bool may_mount(void)
{
	struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	/* No answer: the mount will give one. */
	if (syscall(SYS_capget, &header, data) < 0)
		return true;
	return data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective & CAP_TO_MASK(CAP_SYS_ADMIN);
}

static int fail_no_binfmt_misc(struct failure *f)
{
	return fail(
	    f, EXIT_INPUT,
	    "this kernel has no binfmt_misc (Linux's CONFIG_BINFMT_MISC): nothing can be registered");
}

int image_binfmt_open(const char *dir, bool given, struct image_binfmt *b, struct failure *f)
{
	memset(b, 0, sizeof(*b));
	b->dir = dir;
	if (given) {
		if (!binfmt_dir_is_mount(dir))
			return fail(f, EXIT_INPUT, "%s is not a binfmt_misc mount", dir);
		b->lasts = true;
		(void)binfmt_dir_lock(dir);
		return 0;
	}
	if (!may_mount())
		return fail(
		    f, EXIT_INPUT,
		    "this container may not mount binfmt_misc: it lacks CAP_SYS_ADMIN (run it with --privileged)");
	b->in_user_namespace = !namespace_is_initial();
	bool entries_pin = !kernel_has(KERNEL_PRIVATE_BINFMT);
	if (b->in_user_namespace && entries_pin)
		return fail(
		    f, EXIT_INPUT,
		    "this container runs in a user namespace (rootless podman or docker), which has a binfmt_misc of its own from Linux %s on; this is %s: run it with rootful podman or docker",
		    kernel_feature_version(KERNEL_PRIVATE_BINFMT), kernel_release());
	if (entries_pin) {
		/* Before 6.7 every entry pins the filesystem: it lasts. */
		int r = binfmt_dir_mount(dir);
		if (r == -ENODEV)
			return fail_no_binfmt_misc(f);
		if (r < 0)
			return fail_errno(f, EXIT_INPUT, -r, "cannot mount binfmt_misc on %s", dir);
	} else {
		int held = binfmt_dir_held();
		if (held == -ENODEV)
			return fail_no_binfmt_misc(f);
		if (held < 0)
			return fail_errno(f, EXIT_INPUT, -held, "cannot mount binfmt_misc");
		if (!held)
			return 0;
		/* The superblock that outside mount holds: the same, keyed by
		 * user namespace, whatever dir showed until now. */
		int r = binfmt_dir_mount_own(dir);
		if (r < 0)
			return fail_errno(f, EXIT_INPUT, -r, "cannot mount binfmt_misc on %s", dir);
	}
	b->lasts = true;
	(void)binfmt_dir_lock(dir); /* none where flock is not (ENOLCK): go on */
	return 0;
}
