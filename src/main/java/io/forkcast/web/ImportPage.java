package io.forkcast.web;

import io.forkcast.posts.PostImport;
import io.forkcast.posts.PostImports;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.Base64;

/**
 * Import posts from a spreadsheet (editors and up): upload a CSV file, see every row's problems before anything is
 * created, then schedule the good rows in one go. The checked file travels back with the confirmation, so what is
 * imported is byte for byte what was checked (and the same file twice creates nothing).
 */
@Controller
@RequestMapping("/app/calendar/import")
class ImportPage {

    private final PostImports imports;

    ImportPage(PostImports imports) {
        this.imports = imports;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("maxRows", imports.maxRows());
        model.addAttribute("maxKb", imports.maxBytes() / 1024);
        return "app/import";
    }

    /** Checks the file (a dry run) and shows what it found, with the button that imports the good rows. */
    @PostMapping
    String check(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestPart(name = "file", required = false) MultipartFile file, Model model) throws IOException {
        model.addAttribute("maxRows", imports.maxRows());
        model.addAttribute("maxKb", imports.maxBytes() / 1024);
        if (file == null || file.isEmpty()) {
            model.addAttribute("error", "Choose a CSV file first.");
            return "app/import";
        }
        if (file.getSize() > imports.maxBytes()) {
            model.addAttribute("error", "The file is larger than " + imports.maxBytes() / 1024
                    + " KB; split it into smaller files.");
            return "app/import";
        }
        byte[] content = file.getBytes();
        try {
            PostImport checked = imports.importFile(me.tenantId(), file.getOriginalFilename(), content, true);
            model.addAttribute("checked", checked);
            model.addAttribute("fileName", file.getOriginalFilename());
            // URL-safe letters only: nothing in it is escaped in the page or in the form's encoding.
            model.addAttribute("checkedFile", Base64.getUrlEncoder().withoutPadding().encodeToString(content));
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "app/import";
    }

    /** Imports the good rows of the file checked before. */
    @PostMapping("/confirm")
    String confirm(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam String content,
            @RequestParam(name = "file_name", defaultValue = "") String fileName, RedirectAttributes flash) {
        byte[] file;
        try {
            file = Base64.getUrlDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "The file was lost on the way: choose it again.");
            return "redirect:/app/calendar/import";
        }
        try {
            PostImport done = imports.importFile(me.tenantId(), fileName, file, false);
            int count = done.postIds().size();
            flash.addFlashAttribute("notice", done.alreadyImported()
                    ? "This file was imported before: nothing new was scheduled."
                    : count + (count == 1 ? " post" : " posts") + " scheduled from " + fileName + ".");
            return "redirect:/app/calendar?view=list";
        } catch (DomainException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/app/calendar/import";
        }
    }
}
