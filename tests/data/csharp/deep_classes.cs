namespace N
{
class C0 {
class C1 {
class C2 {
class C3 {
class C4 {
class C5 {
class C6 {
class C7 {
class C8 {
class C9 {
class C10 {
class C11 {
class C12 {
class C13 {
class C14 {
class C15 {
class C16 {
class C17 {
class C18 {
class C19 {
class C20 {
class C21 {
class C22 {
class C23 {
class C24 {
class C25 {
class C26 {
class C27 {
class C28 {
class C29 {
class C30 {
class C31 {
class C32 {
class C33 {
class C34 {
class C35 {
class C36 {
class C37 {
class C38 {
class C39 {
class C40 {
class C41 {
class C42 {
class C43 {
class C44 {
class C45 {
class C46 {
class C47 {
class C48 {
class C49 {
class C50 {
class C51 {
class C52 {
class C53 {
class C54 {
class C55 {
class C56 {
class C57 {
class C58 {
class C59 {
class C60 {
class C61 {
class C62 {
class C63 {
class C64 {
class C65 {
class C66 {
class C67 {
class C68 {
class C69 {
class C70 {
class C71 {
class C72 {
class C73 {
class C74 {
class C75 {
class C76 {
class C77 {
class C78 {
class C79 {
class C80 {
class C81 {
class C82 {
class C83 {
class C84 {
class C85 {
class C86 {
class C87 {
class C88 {
class C89 {
class C90 {
class C91 {
class C92 {
class C93 {
class C94 {
class C95 {
class C96 {
class C97 {
class C98 {
class C99 {
class C100 {
class C101 {
class C102 {
class C103 {
class C104 {
class C105 {
class C106 {
class C107 {
class C108 {
class C109 {
class C110 {
class C111 {
class C112 {
class C113 {
class C114 {
class C115 {
class C116 {
class C117 {
class C118 {
class C119 {
class C120 {
class C121 {
class C122 {
class C123 {
class C124 {
class C125 {
class C126 {
class C127 {
class C128 {
class C129 {
class C130 {
class C131 {
class C132 {
class C133 {
class C134 {
class C135 {
class C136 {
class C137 {
class C138 {
class C139 {
class C140 {
class C141 {
class C142 {
class C143 {
class C144 {
class C145 {
class C146 {
class C147 {
class C148 {
class C149 {
class C150 {
class C151 {
class C152 {
class C153 {
class C154 {
class C155 {
class C156 {
class C157 {
class C158 {
class C159 {
class C160 {
class C161 {
class C162 {
class C163 {
class C164 {
class C165 {
class C166 {
class C167 {
class C168 {
class C169 {
class C170 {
class C171 {
class C172 {
class C173 {
class C174 {
class C175 {
class C176 {
class C177 {
class C178 {
class C179 {
class C180 {
class C181 {
class C182 {
class C183 {
class C184 {
class C185 {
class C186 {
class C187 {
class C188 {
class C189 {
class C190 {
class C191 {
class C192 {
class C193 {
class C194 {
class C195 {
class C196 {
class C197 {
class C198 {
class C199 {
class C200 {
class C201 {
class C202 {
class C203 {
class C204 {
class C205 {
class C206 {
class C207 {
class C208 {
class C209 {
class C210 {
class C211 {
class C212 {
class C213 {
class C214 {
class C215 {
class C216 {
class C217 {
class C218 {
class C219 {
class C220 {
class C221 {
class C222 {
class C223 {
class C224 {
class C225 {
class C226 {
class C227 {
class C228 {
class C229 {
class C230 {
class C231 {
class C232 {
class C233 {
class C234 {
class C235 {
class C236 {
class C237 {
class C238 {
class C239 {
class C240 {
class C241 {
class C242 {
class C243 {
class C244 {
class C245 {
class C246 {
class C247 {
class C248 {
class C249 {
class C250 {
class C251 {
class C252 {
class C253 {
class C254 {
class C255 {
class C256 {
class C257 {
class C258 {
class C259 {
class C260 {
class C261 {
class C262 {
class C263 {
class C264 {
class C265 {
class C266 {
class C267 {
class C268 {
class C269 {
class C270 {
class C271 {
class C272 {
class C273 {
class C274 {
class C275 {
class C276 {
class C277 {
class C278 {
class C279 {
class C280 {
class C281 {
class C282 {
class C283 {
class C284 {
class C285 {
class C286 {
class C287 {
class C288 {
class C289 {
class C290 {
class C291 {
class C292 {
class C293 {
class C294 {
class C295 {
class C296 {
class C297 {
class C298 {
class C299 {
void Leaf() { }
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
