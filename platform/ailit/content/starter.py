"""The starter text ``ailit new course`` writes, in each of the six languages.

Every locale has the same fields, so the scaffold's templates fill in any of them; the quiz
has one question of each type, with the same answers everywhere (6, ``media``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Starter:
    """The placeholder texts of a new course and its first module, in one language."""

    course_title: str  # ``{name}``: the course id with spaces
    summary: str
    module_title: str
    module_id: str  # the first module's folder name after "01-": the title in a-z letters
    objective: str
    lesson: str
    activity: str
    single: tuple[str, str, str, str]  # question, right option, wrong option, explanation
    multiple: tuple[str, str, str, str, str]  # question, two right options, wrong one, explanation
    number: tuple[str, str]  # question (answer 6), explanation
    text: tuple[str, str]  # question (answer "media"), explanation


STARTERS: dict[str, Starter] = {
    "ar": Starter(
        course_title="مقرر جديد: {name}",
        summary="جملة أو جملتان تقولان ما سيتمكّن المتعلّمون من فعله.",
        module_title="الخطوات الأولى",
        module_id="al-khutuwat-al-ula",
        objective="توضيح موضوع هذا المقرر.",
        lesson="اكتب الدرس هنا بلغة Markdown البسيطة."
        " يمكنك استخدام العناوين والقوائم والجداول والروابط ومربعات الإبراز."
        " ضع الصور في المجلد `media/` وأعطِ كل صورة وصفًا.",
        activity="صِف نشاطًا للصف.",
        single=(
            "أيّ ملف يحتوي هذا الدرس؟",
            "ملف Markdown",
            "جدول بيانات",
            "كل درس ملف Markdown يحمل اسم رمز لغته.",
        ),
        multiple=(
            "ماذا يمكن أن يحتوي الدرس؟",
            "صورًا مع وصف",
            "مربعات إبراز، مثل نشاط",
            "برامج تعمل في المتصفح",
            "الصور ومربعات الإبراز جزء من دروس Markdown؛ أما البرامج فلا تُشغَّل أبدًا.",
        ),
        number=(
            "إلى كم لغة يمكن ترجمة المقرر؟",
            "اللغات الرسمية الست للأمم المتحدة: الإسبانية والإنجليزية والروسية والصينية والعربية والفرنسية.",
        ),
        text=("ما اسم المجلد الذي يحفظ صور الوحدة؟", "توضع الصور في المجلد `media/` الخاص بالوحدة."),
    ),
    "en": Starter(
        course_title="New course: {name}",
        summary="One or two sentences saying what learners will be able to do.",
        module_title="Getting started",
        module_id="getting-started",
        objective="Say what this course is about.",
        lesson="Write the lesson here in plain Markdown."
        " You can use headings, lists, tables, links and callouts."
        " Put pictures in `media/` and give each one a description.",
        activity="Describe an activity for the class.",
        single=(
            "Which file holds this lesson?",
            "A Markdown file",
            "A spreadsheet",
            "Every lesson is a Markdown file named after its language.",
        ),
        multiple=(
            "What can a lesson contain?",
            "Pictures with a description",
            "Callouts, such as an activity",
            "Programs that run in the browser",
            "Pictures and callouts are part of Markdown lessons; programs are never run.",
        ),
        number=(
            "Into how many languages can a course be translated?",
            (
                "The six official languages of the United Nations: Arabic, Chinese, English, French,"
                " Russian and Spanish."
            ),
        ),
        text=(
            "What is the name of the folder that holds a module's pictures?",
            "Pictures go in the module's `media/` folder.",
        ),
    ),
    "es": Starter(
        course_title="Nuevo curso: {name}",
        summary="Una o dos frases que digan lo que los estudiantes sabrán hacer.",
        module_title="Primeros pasos",
        module_id="primeros-pasos",
        objective="Decir de qué trata este curso.",
        lesson="Escriba aquí la lección en Markdown sencillo."
        " Puede usar títulos, listas, tablas, enlaces y recuadros."
        " Ponga las imágenes en `media/` y dé a cada una una descripción.",
        activity="Describa una actividad para la clase.",
        single=(
            "¿Qué archivo contiene esta lección?",
            "Un archivo Markdown",
            "Una hoja de cálculo",
            "Cada lección es un archivo Markdown que lleva el nombre de su idioma.",
        ),
        multiple=(
            "¿Qué puede contener una lección?",
            "Imágenes con una descripción",
            "Recuadros, como una actividad",
            "Programas que se ejecutan en el navegador",
            (
                "Las imágenes y los recuadros forman parte de las lecciones en Markdown; los programas nunca"
                " se ejecutan."
            ),
        ),
        number=(
            "¿A cuántos idiomas se puede traducir un curso?",
            (
                "Los seis idiomas oficiales de las Naciones Unidas: árabe, chino, español, francés,"
                " inglés y ruso."
            ),
        ),
        text=(
            "¿Cómo se llama la carpeta que guarda las imágenes de un módulo?",
            "Las imágenes van en la carpeta `media/` del módulo.",
        ),
    ),
    "fr": Starter(
        course_title="Nouveau cours : {name}",
        summary="Une ou deux phrases qui disent ce que les apprenants sauront faire.",
        module_title="Premiers pas",
        module_id="premiers-pas",
        objective="Dire de quoi parle ce cours.",
        lesson="Écrivez la leçon ici en Markdown simple."
        " Vous pouvez utiliser des titres, des listes, des tableaux, des liens et des encadrés."
        " Mettez les images dans `media/` et donnez une description à chacune.",
        activity="Décrivez une activité pour la classe.",
        single=(
            "Quel fichier contient cette leçon ?",
            "Un fichier Markdown",
            "Un tableur",
            "Chaque leçon est un fichier Markdown qui porte le nom de sa langue.",
        ),
        multiple=(
            "Que peut contenir une leçon ?",
            "Des images avec une description",
            "Des encadrés, comme une activité",
            "Des programmes qui s'exécutent dans le navigateur",
            (
                "Les images et les encadrés font partie des leçons en Markdown ; les programmes ne sont"
                " jamais exécutés."
            ),
        ),
        number=(
            "En combien de langues un cours peut-il être traduit ?",
            (
                "Les six langues officielles des Nations unies : anglais, arabe, chinois, espagnol, français"
                " et russe."
            ),
        ),
        text=(
            "Comment s'appelle le dossier qui contient les images d'un module ?",
            "Les images vont dans le dossier `media/` du module.",
        ),
    ),
    "ru": Starter(
        course_title="Новый курс: {name}",
        summary="Одно-два предложения о том, что учащиеся смогут делать.",
        module_title="Первые шаги",
        module_id="pervye-shagi",
        objective="Рассказать, о чём этот курс.",
        lesson="Напишите урок здесь в простом Markdown."
        " Можно использовать заголовки, списки, таблицы, ссылки и врезки."
        " Положите изображения в папку `media/` и дайте каждому описание.",
        activity="Опишите задание для класса.",
        single=(
            "В каком файле хранится этот урок?",
            "В файле Markdown",
            "В электронной таблице",
            "Каждый урок — это файл Markdown, названный по коду своего языка.",
        ),
        multiple=(
            "Что может содержать урок?",
            "Изображения с описанием",
            "Врезки, например задание",
            "Программы, которые выполняются в браузере",
            "Изображения и врезки — часть уроков в Markdown; программы никогда не выполняются.",
        ),
        number=(
            "На сколько языков можно перевести курс?",
            (
                "Шесть официальных языков ООН: английский, арабский, испанский, китайский, русский"
                " и французский."
            ),
        ),
        text=(
            "Как называется папка, в которой хранятся изображения модуля?",
            "Изображения кладут в папку `media/` модуля.",
        ),
    ),
    "zh": Starter(
        course_title="新课程：{name}",
        summary="用一两句话说明学习者将能做什么。",
        module_title="入门",
        module_id="rumen",
        objective="说明本课程的主题。",
        lesson="请在这里用普通 Markdown 编写课文。可以使用标题、列表、表格、链接和提示框。"
        "图片放在 `media/` 文件夹中，每张都要有说明。",
        activity="描述一项课堂活动。",
        single=(
            "哪个文件保存这节课？",
            "一个 Markdown 文件",
            "一个电子表格",
            "每节课都是一个以其语言代码命名的 Markdown 文件。",
        ),
        multiple=(
            "一节课可以包含哪些内容？",
            "带说明的图片",
            "提示框，例如活动",
            "在浏览器中运行的程序",
            "图片和提示框都是 Markdown 课文的一部分；程序永远不会被运行。",
        ),
        number=(
            "一门课程可以翻译成多少种语言？",
            "联合国的六种正式语言：阿拉伯文、中文、英文、法文、俄文和西班牙文。",
        ),
        text=("保存模块图片的文件夹叫什么名字？", "图片放在模块的 `media/` 文件夹中。"),
    ),
}
