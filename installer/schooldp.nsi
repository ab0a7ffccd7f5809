; SchoolDP Windows installer (NSIS 3).
;
; Per-user: no admin rights, installs under %LOCALAPPDATA%\Programs\SchoolDP, writes only to
; HKCU. The uninstaller removes program files only: school files, backups and logs stay.
;
; Build (installer/build.py does this):
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=dist\SchoolDP /DOUTDIR=dist installer\schooldp.nsi
; Optional defines:
;   /DTARGET_AMD64   build a 64-bit installer (SchoolDP itself is 64-bit only either way)
;   /DLICENSE_FILE=path\to\LICENSE.txt   add a licence page

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifdef TARGET_AMD64
  Target amd64-unicode
!endif

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION_4
  !define VERSION_4 "${VERSION}.0"
!endif
!ifndef BUNDLE_DIR
  !error "Pass /DBUNDLE_DIR=<folder holding SchoolDP.exe> (PyInstaller's dist\SchoolDP)"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif

!define APP_NAME "SchoolDP"
!define APP_EXE "SchoolDP.exe"
!define APP_DEBUG_EXE "SchoolDP-debug.exe"
!define PUBLISHER "SchoolDP"
; The running app holds this named mutex (see installer/README.md).
!define RUNNING_MUTEX "SchoolDP-Running"
!define PROG_ID "SchoolDP.SchoolFile"
!define FILE_EXT ".sdp"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define APP_KEY "Software\${APP_NAME}"
; Where platformdirs puts SchoolDP's data on Windows (config.py: appname and appauthor "SchoolDP").
!define DATA_DIR "$LOCALAPPDATA\SchoolDP\SchoolDP"
!define SHCNE_ASSOCCHANGED 0x08000000
!define SYNCHRONIZE 0x00100000

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTDIR}\${APP_NAME}-${VERSION}-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_4}"
VIFileVersion "${VERSION_4}"
VIAddVersionKey /LANG=2057 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileDescription" "${APP_NAME} setup"
VIAddVersionKey /LANG=2057 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2057 "LegalCopyright" "SchoolDP contributors"

; ---------------------------------------------------------------- pages
!define MUI_ICON "${__FILEDIR__}\..\resources\icons\schooldp.ico"
!define MUI_UNICON "${__FILEDIR__}\..\resources\icons\schooldp.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This will install ${APP_NAME} ${VERSION} for you only. It does not need administrator rights.$\r$\n$\r$\nPlease close ${APP_NAME} before you continue.$\r$\n$\r$\nYour school files are kept separately, in$\r$\n${DATA_DIR}$\r$\nand are never changed by installing or removing the program."

!insertmacro MUI_PAGE_WELCOME
!ifdef LICENSE_FILE
  !insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!endif
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME} now"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "This removes the ${APP_NAME} program only.$\r$\nYour school files, backups and logs are NOT deleted. They stay in$\r$\n${DATA_DIR}  (backups in its Backups folder, logs in its Logs folder)."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APP_NAME} has been removed"
!define MUI_FINISHPAGE_TEXT "Your school files, backups and logs were kept. You will find them in$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\nand in any other folder where you saved a school file. Keep them safe: they hold personal data. Delete them yourself only when your school's retention policy says so."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------- running-app check
; Aborts (install or uninstall) while SchoolDP runs: the named mutex is the main signal; a
; program file that cannot be opened for writing is the fallback for builds without it.
!macro CHECK_NOT_RUNNING UN
Function ${UN}CheckNotRunning
  check:
    System::Call 'kernel32::OpenMutexW(i ${SYNCHRONIZE}, i 0, w "${RUNNING_MUTEX}") p .r0'
    StrCmp $0 "0" no_mutex
      System::Call 'kernel32::CloseHandle(p r0)'
      Goto running
    no_mutex:
    StrCpy $1 "$INSTDIR\${APP_EXE}"
    Call ${UN}FileInUse
    StrCmp $2 "1" running
    StrCpy $1 "$INSTDIR\${APP_DEBUG_EXE}"
    Call ${UN}FileInUse
    StrCmp $2 "1" running
    Return
  running:
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP_NAME} is open. Please save your work, close ${APP_NAME} and press Retry." \
      /SD IDCANCEL IDRETRY check
    SetErrorLevel 2
    Quit
FunctionEnd

; $1 = file; sets $2 to 1 when the file exists and cannot be opened for writing.
Function ${UN}FileInUse
  StrCpy $2 "0"
  IfFileExists "$1" 0 done
  ClearErrors
  FileOpen $3 "$1" a
  IfErrors 0 +3
    StrCpy $2 "1"
    Goto done
  FileClose $3
  done:
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} needs Windows 10 or later." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} needs 64-bit Windows." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  SetShellVarContext current
  Call CheckNotRunning
FunctionEnd

Function un.onInit
  SetShellVarContext current
  Call un.CheckNotRunning
FunctionEnd

; ---------------------------------------------------------------- install
Section "SchoolDP (required)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder's bundled libraries wholesale, so no stale module
  ; from an older version is left behind. Only program files live under $INSTDIR.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"

  ; Start menu (per user)
  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" \
    "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "Data protection for your school"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (support console).lnk" \
    "$INSTDIR\${APP_DEBUG_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" \
    "Runs SchoolDP with a console window, for when support asks"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Uninstall ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"

  ; File association for school files, per user.
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "Content Type" "application/x-schooldp"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "SchoolDP school file"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" \
    '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'

  ; Apps & features entry (per user)
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "The ${APP_NAME} program. Your school files are kept separately."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "A ${APP_NAME} icon on your desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ---------------------------------------------------------------- uninstall
; Deletes exactly what the installer put down. Never touches ${DATA_DIR}, backups, logs or any
; .sdp file wherever it is.
Section "Uninstall"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${APP_DEBUG_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only if empty: anything else someone put there stays

  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (support console).lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\Uninstall ${APP_NAME}.lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; The association goes only if it is still ours; the extension key may hold other apps' data.
  ReadRegStr $0 HKCU "Software\Classes\${FILE_EXT}" ""
  ${If} $0 == "${PROG_ID}"
    DeleteRegValue HKCU "Software\Classes\${FILE_EXT}" ""
    DeleteRegValue HKCU "Software\Classes\${FILE_EXT}" "Content Type"
    DeleteRegKey /ifempty HKCU "Software\Classes\${FILE_EXT}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"

  DetailPrint "Kept your school files, backups and logs in ${DATA_DIR}"
SectionEnd
