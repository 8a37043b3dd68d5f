/* SPDX-License-Identifier: MIT */
#include "doctor-loader.h"

#include "elf-linking.h"
#include "files.h"
#include "quote.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The step's words. */
__attribute__((format(printf, 2, 3))) static void says(struct doctor_loader *l, const char *fmt,
						       ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->detail, sizeof(l->detail), fmt, ap);
	va_end(ap);
}

/* The step fails: what execve() says, and why in a few words. */
__attribute__((format(printf, 3, 4))) static void fails(struct doctor_loader *l, const char *error,
							const char *fmt, ...)
{
	va_list ap;

	l->error = error;
	va_start(ap, fmt);
	vsnprintf(l->summary, sizeof(l->summary), fmt, ap);
	va_end(ap);
}

/* Why a PT_INTERP is never opened, and what the one loading the program
 * then says; NULL when its path is opened.  The kernel loads a program it
 * runs itself (lib's rule); qemu one an entry hands it, and its linux-user
 * load_elf_image() checks only the read and the NUL (on p_filesz 0 qemu
 * 7.2 crashes). */
static const char *interp_fault(const struct elf_interp *interp, bool by_qemu, const char **error)
{
	if (by_qemu) {
		*error = !interp->within_file  ? "Incomplete read of file header"
			 : interp->size == 0   ? "(qemu cannot load it)"
			 : !interp->terminated ? "Invalid PT_INTERP entry"
					       : NULL;
		return !interp->within_file  ? "it lies past the end of the file"
		       : interp->size == 0   ? "it is empty (p_filesz 0)"
		       : !interp->terminated ? "it is not ended by a NUL"
					     : NULL;
	}
	enum elf_interp_fault fault = elf_interp_kernel_fault(interp);
	*error = fault == ELF_INTERP_PAST_END ? strerror(EIO) : strerror(ENOEXEC);
	switch (fault) {
	case ELF_INTERP_OPENS:
		break;
	case ELF_INTERP_TOO_SHORT:
		return "it is shorter than 2 bytes: the kernel refuses it";
	case ELF_INTERP_TOO_LONG:
		return "it is longer than PATH_MAX (4096 bytes): the kernel refuses it";
	case ELF_INTERP_PAST_END:
		return "it lies past the end of the file";
	case ELF_INTERP_UNTERMINATED:
		return "it is not ended by a NUL: the kernel refuses it";
	}
	*error = NULL;
	return NULL;
}

/* Can the loader's path be opened from here, and if not why (an errno)?
 * As given: a relative path from the working folder (qemu's
 * QEMU_LD_PREFIX takes absolute ones only), and an empty one names that
 * folder itself to the kernel (getname_kernel() takes "", and opening a
 * folder to run it is EACCES), nothing to qemu's open(). */
static int loader_open_error(const struct elf_interp *interp, bool by_qemu)
{
	if (interp->path_cut)
		return ENAMETOOLONG;
	if (!interp->path[0])
		return by_qemu ? ENOENT : EACCES;
	return access(interp->path, F_OK) == 0 ? 0 : errno;
}

/* A loader that is there must also load: not a folder (qemu reads it and
 * fails; the kernel's open_exec() refuses it, and a file without x), and
 * a program of the file's own target (qemu: "Invalid ELF image for this
 * architecture"; the kernel's load_elf_binary(): ELIBBAD).  What it is
 * instead, in `what`, and the error, or NULL. */
static const char *loader_unloadable(const char *path, const struct target *t, bool by_qemu,
				     char *what, size_t size)
{
	struct stat st;
	unsigned char head[BINFMT_HEADER_SIZE];

	if (stat(path, &st) < 0)
		return NULL;
	if (S_ISDIR(st.st_mode)) {
		snprintf(what, size, "is a folder");
		return strerror(by_qemu ? EISDIR : EACCES);
	}
	if (!by_qemu && access(path, X_OK) < 0) {
		snprintf(what, size, "is not executable, and the kernel runs it");
		return strerror(EACCES);
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	long n = fd < 0 ? -1 : file_read_prefix(fd, head, sizeof(head));
	if (fd >= 0)
		close(fd);
	if (!t || n < 0 || target_for_header(head, (size_t)n) == t)
		return NULL;
	snprintf(what, size, "is no %s program", t->name);
	return by_qemu ? "Invalid ELF image for this architecture" : strerror(ELIBBAD);
}

void doctor_loader_check(const char *file, bool elf, const struct target *target, bool by_qemu,
			 struct doctor_loader *l)
{
	const char *who = by_qemu ? "qemu" : "the kernel";
	struct elf_interp interp;
	const char *error;
	char shown[96];

	l->error = NULL;

	if (!elf) {
		says(l, "not an ELF program: no loader to look for");
		return;
	}
	switch (elf_interp_of_path(file, &interp)) {
	case ELF_LINKING_STATIC:
		says(l, "statically linked (no PT_INTERP): it needs no loader");
		return;
	case ELF_LINKING_NOT_ELF:
	case ELF_LINKING_CORRUPT:
		says(
		    l,
		    "its ELF header or program headers are cut short or invalid: %s cannot load it",
		    who);
		fails(l, "Exec format error", "its ELF header or program headers are cut short");
		return;
	case ELF_LINKING_UNREADABLE: {
		const char *why = strerror(errno);
		says(l, "its program headers cannot be read: %s", why);
		fails(l, why, "its program headers cannot be read");
		return;
	}
	case ELF_LINKING_DYNAMIC:
	case ELF_LINKING_BAD_INTERP:
		break;
	}
	quote_bytes(shown, sizeof(shown), interp.path, strlen(interp.path));
	const char *fault = interp_fault(&interp, by_qemu, &error);
	if (fault) {
		says(l, "its PT_INTERP (%" PRIu64 " bytes: %s) is broken: %s", interp.size, shown,
		     fault);
		fails(l, error, "its PT_INTERP is broken: %s", fault);
		return;
	}
	int open_error = loader_open_error(&interp, by_qemu);
	bool relative = interp.path[0] != '/';
	char what[64];
	const char *load_error =
	    open_error ? NULL : loader_unloadable(interp.path, target, by_qemu, what, sizeof(what));
	if (load_error) {
		says(l, "its loader %s %s: %s cannot load it", shown, what, who);
		fails(l, load_error, "its loader %s %s", shown, what);
		return;
	}
	if (!open_error) {
		if (relative)
			says(
			    l,
			    "its loader %s is a relative path: %s opens it from the working folder of whoever runs the program; from this one it is there",
			    shown, who);
		else
			says(l, "its loader %s is here", interp.path);
		return;
	}
	if (!relative && open_error == ENOENT) {
		says(
		    l,
		    by_qemu
			? "its loader %s is not in this root: qemu cannot start it (run it inside a root filesystem of its architecture, qbinfmt sandbox --root DIR, or point qemu at one with QEMU_LD_PREFIX=DIR)"
			: "its loader %s is not in this root: the kernel cannot start it",
		    interp.path);
		fails(l, strerror(ENOENT), "its loader %s is not in this root", interp.path);
		return;
	}
	says(l, "its loader %s%s cannot be opened by %s from here: %s", shown,
	     !interp.path[0] ? " (empty)"
	     : relative	     ? " (a relative path, opened from the working folder)"
			     : "",
	     who, strerror(open_error));
	fails(l, strerror(open_error), "its loader %s cannot be opened", shown);
}
