;; SPDX-License-Identifier: MIT
;; guile -L tests/data/guix -s tests/guix-register.scm FILE [VARIABLE]:
;; load FILE (Scheme for Guix, as `qbinfmt export --format guix` writes
;; it), take its qemu-binfmt-configuration VARIABLE (default
;; %qbinfmt-qemu-binfmt-configuration) and print the register string
;; Guix's service would write for each platform, one a line, with Guix's
;; qemu written /gnu/store/HASH-qemu.
(use-modules (gnu services virtualization))

(define (main args)
  (let* ((file (cadr args))
         (variable (if (> (length args) 2)
                       (caddr args)
                       "%qbinfmt-qemu-binfmt-configuration")))
    (load (if (absolute-file-name? file) file (string-append (getcwd) "/" file)))
    (for-each (lambda (platform)
                (display (qemu-platform->register-string "/gnu/store/HASH-qemu" platform))
                (newline))
              (qemu-binfmt-configuration-platforms
               (module-ref (current-module) (string->symbol variable))))))

(main (command-line))
